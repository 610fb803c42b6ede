using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace BpfAnalyzers.Kernel.Tests
{
    /// <summary>The profile format: what it keeps of a kernel, how a module's names read, and bad input as a clear error.</summary>
    public sealed class KernelProfileTests
    {
        /// <summary>vmlinux: int, a FUNC, an iterator, an LSM hook, a btf_trace typedef; a module split against it.</summary>
        private static (byte[] Vmlinux, byte[] Module) TwoBtfs()
        {
            var vm = new SyntheticBtf();
            int i = vm.Int("int");
            int meta = vm.Struct("bpf_iter_meta");
            int proto = vm.FuncProto(i, vm.Ptr(meta));
            int plain = vm.FuncProto(i, i);
            vm.Func("do_unlinkat", plain);
            vm.Func("bpf_iter_task", proto);
            vm.Func("bpf_iter_num_new", plain);
            vm.Func("bpf_lsm_file_open", plain);
            vm.Typedef("btf_trace_sched_switch", i);
            vm.Func("shared_name", plain);
            byte[] vmlinux = vm.ToArray();
            Btf parsed = Btf.Parse(vmlinux, "vmlinux");

            var mod = new SyntheticBtf(vm.StringsLength, parsed.TypeCount);
            mod.Func("nf_confirm", plain);
            mod.Func("shared_name", plain);
            mod.Typedef("btf_trace_nf_event", i);
            return (vmlinux, mod.ToArray());
        }

        private static KernelProfile Profile()
        {
            (byte[] vmlinux, byte[] module) = TwoBtfs();
            Btf vm = Btf.Parse(vmlinux, "vmlinux");
            return new KernelProfileBuilder("6.1.0-37-amd64", "x86_64").Named("debian12").AddVmlinux(vm).AddModule("nf_conntrack", Btf.Parse(module, "nf_conntrack", vm)).Build();
        }

        [Fact]
        public void A_module_name_is_found_bare_and_as_module_colon_name_and_vmlinux_wins_a_shared_name()
        {
            KernelProfile p = Profile();
            Assert.Equal("nf_conntrack", p.Find(KernelProfile.Funcs, "nf_confirm"));
            Assert.Equal("nf_conntrack", p.Find(KernelProfile.Funcs, "nf_conntrack:nf_confirm"));
            Assert.Null(p.Find(KernelProfile.Funcs, "vmlinux:nf_confirm"));
            Assert.Null(p.Find(KernelProfile.Funcs, "other:nf_confirm"));
            Assert.Equal("vmlinux", p.Find(KernelProfile.Funcs, "shared_name"));
            Assert.Equal("nf_conntrack", p.Find(KernelProfile.BtfTrace, "nf_event"));
            Assert.Equal(new[] { "task" }, p.Names(KernelProfile.Iter));
            Assert.Equal(new[] { "file_open" }, p.Names(KernelProfile.Lsm));
        }

        [Fact]
        public void Split_btf_reads_as_libbpf_btf_parse_split_reads_it()
        {
            (byte[] vmlinux, byte[] module) = TwoBtfs();
            string dir = Directory.CreateTempSubdirectory("bpfkernel").FullName;
            try
            {
                File.WriteAllBytes(Path.Combine(dir, "vmlinux"), vmlinux);
                File.WriteAllBytes(Path.Combine(dir, "nf_conntrack"), module);
                using LibbpfBtf baseBtf = LibbpfBtf.Parse(Path.Combine(dir, "vmlinux"));
                using LibbpfBtf split = LibbpfBtf.Parse(Path.Combine(dir, "nf_conntrack"), baseBtf);
                Btf vm = Btf.Parse(vmlinux, "vmlinux");
                Btf ours = Btf.Parse(module, "nf_conntrack", vm);
                Assert.Equal(split.TypeCount, ours.TypeCount);
                for (int id = 1; id < ours.TypeCount; id++)
                {
                    Assert.Equal((split.Kind(id), split.Name(id)), ((int)ours.Kind(id), ours.Name(id)));
                }

                Assert.True(split.FindByNameKind("nf_confirm", BtfKind.Func) > 0);
                Assert.True(split.FindByNameKind("do_unlinkat", BtfKind.Func) > 0);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Written_and_read_back_a_profile_is_the_same()
        {
            KernelProfile p = Profile();
            string text = p.Write();
            KernelProfile again = KernelProfile.Parse(text, "debian12.bpfkernel");
            Assert.Equal(text, again.Write());
            Assert.Equal("debian12 (6.1.0-37-amd64)", again.ToString());
            Assert.StartsWith(KernelProfile.FormatLine + "\n", text, StringComparison.Ordinal);
            Assert.Contains("\n[funcs]\nbpf_iter_num_new\n", text, StringComparison.Ordinal);
            Assert.Contains("nf_conntrack:nf_confirm\n", text, StringComparison.Ordinal);
            Assert.False(again.Has(KernelProfile.Kallsyms));
        }

        [Fact]
        public void A_part_the_source_did_not_have_is_absent_not_empty()
        {
            KernelProfile p = Profile();
            Assert.False(p.Has(KernelProfile.Events));
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => p.Find(KernelProfile.Events, "syscalls/sys_enter_openat"));
            KernelProfile withEvents = KernelProfile.Parse(p.Write().Replace("parts ", "parts events ") + "\n[events]\n", "x");
            Assert.True(withEvents.Has(KernelProfile.Events));
            Assert.Null(withEvents.Find(KernelProfile.Events, "syscalls/sys_enter_openat"));
        }

        [Fact]
        public void A_BTF_without_functions_as_btfgen_writes_is_refused_naming_the_file()
        {
            var minimized = new SyntheticBtf();
            minimized.Typedef("btf_trace_sched_switch", minimized.Int("int"));
            var e = Assert.Throws<BtfFormatException>(() => new KernelProfileBuilder("r", "x86_64").AddVmlinux(Btf.Parse(minimized.ToArray(), "5.4.0-1.btf")));
            Assert.StartsWith("5.4.0-1.btf: BTF without a single FUNC", e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(30)]
        [InlineData(60)]
        public void Truncated_or_foreign_BTF_is_a_clear_error(int keep)
        {
            (byte[] vmlinux, _) = TwoBtfs();
            var e = Assert.Throws<BtfFormatException>(() => Btf.Parse(vmlinux.Take(keep).ToArray(), "cut.btf"));
            Assert.StartsWith("cut.btf: ", e.Message, StringComparison.Ordinal);
            Assert.Throws<BtfFormatException>(() => Btf.Parse(Encoding.ASCII.GetBytes("\x7f" + "ELF and more bytes than a header"), "vmlinuz"));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("# bpfkernel 2\nname x\n", "format 'bpfkernel 2'")]
        [InlineData("\x7f" + "ELF\x01\x01", "not a kernel profile")]
        [InlineData("# bpfkernel 1\nname x\nrelease r\narch x86_64\nparts funcs lsm\n\n[funcs]\nf\n", "has no [lsm]: truncated")]
        [InlineData("# bpfkernel 1\nname x\nrelease r\narch x86_64\nparts funcs\n\n[funcs]\nf g\n", "is not one name")]
        [InlineData("# bpfkernel 1\nname x\nrelease r\narch x86_64\nparts funcs\n\n[lsm]\nf\n", "part '[lsm]' is not one the 'parts' line declares")]
        [InlineData("# bpfkernel 1\nname x\nrelease r\narch x86_64\nparts funcs\n\n[funcs]\nf\0\n", "a control character")]
        [InlineData("# bpfkernel 1\nname x\narch x86_64\nparts\n", "lacks 'release'")]
        [InlineData("# bpfkernel 1\nbogus line\n", "is no header line")]
        public void A_bad_profile_is_a_clear_error_naming_it(string text, string says)
        {
            var e = Assert.Throws<KernelProfileFormatException>(() => KernelProfile.Parse(text, "bad.bpfkernel"));
            Assert.StartsWith("bad.bpfkernel", e.Message, StringComparison.Ordinal);
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_huge_file_of_junk_fails_on_its_first_line()
        {
            var e = Assert.Throws<KernelProfileFormatException>(() => KernelProfile.Parse(new string('x', 50_000_000), "junk"));
            Assert.StartsWith("junk: not a kernel profile", e.Message, StringComparison.Ordinal);
        }
    }
}

/* Prints what one libbpf build answers for each section name read from stdin (one per line):
 *   name<TAB>prog_type<TAB>attach_type   or   name<TAB>ERR<TAB>-3   (-ESRCH: no match)
 * Usage: oracle RELEASE.so NAMES.so [strict] < names.txt
 *   RELEASE.so  libbpf.so built from the release tag under test (make -C src)
 *   NAMES.so    libbpf 1.7's libbpf.so: libbpf_bpf_prog_type_str()/libbpf_bpf_attach_type_str() name
 *               every enum value (kernel UAPI numbers, stable across releases); older builds lack them
 *   strict      call libbpf_set_strict_mode(LIBBPF_STRICT_SEC_NAME = 0x04) first (0.6 - 0.8 only)
 * Build: gcc -O2 -o oracle oracle.c -ldl */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s RELEASE.so NAMES.so [strict] < names.txt\n", argv[0]);
		return 2;
	}
	void *rel = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	void *names = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
	if (!rel || !names) {
		fprintf(stderr, "%s\n", dlerror());
		return 2;
	}
	int (*by_name)(const char *, int *, int *) = dlsym(rel, "libbpf_prog_type_by_name");
	const char *(*prog_str)(int) = dlsym(names, "libbpf_bpf_prog_type_str");
	const char *(*attach_str)(int) = dlsym(names, "libbpf_bpf_attach_type_str");
	if (!by_name || !prog_str || !attach_str) {
		fprintf(stderr, "missing symbol\n");
		return 2;
	}
	if (argc > 3 && strcmp(argv[3], "strict") == 0) {
		int (*set_strict)(int) = dlsym(rel, "libbpf_set_strict_mode");
		if (!set_strict || set_strict(0x04)) {
			fprintf(stderr, "libbpf_set_strict_mode(0x04) failed\n");
			return 2;
		}
	}
	char line[4096];
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		int prog_type = 0, attach_type = 0;
		int err = by_name(line, &prog_type, &attach_type);
		if (err)
			printf("%s\tERR\t%d\n", line, err);
		else
			printf("%s\t%s\t%s\n", line, prog_str(prog_type), attach_str(attach_type));
	}
	return 0;
}

/* loadcheck: opens, loads and auto-attaches one BPF object the way a bpftool skeleton does
 * (bpf_object__open_skeleton / __load_skeleton / __attach_skeleton of libbpf 1.1), so the verdict on a
 * section name is libbpf's own, including "auto-attach not supported" skips (attach_skeleton() skips a
 * program without prog_attach_fn, or whose attach_fn returns 0 with no link, e.g. SEC("uprobe")).
 *
 * Usage: loadcheck OBJECT [--no-attach]
 * Prints, one per line:
 *   log <LEVEL> <text>     every libbpf message of level info or warn (libbpf_set_print)
 *   stage <open|load|attach|done>   the stage that failed, or done
 *   err <N>                the negative errno libbpf returned (0 when done)
 *   linked <0|1>           whether auto-attach created a link (only after done)
 *   autoload-off           the section name began with '?' (libbpf 0.8+: do not load unless the loader says so);
 *                          loadcheck then says so, as such a loader does (bpf_program__set_autoload(prog, true)),
 *                          or the name itself would never be checked
 * Exit code 0 when the stages ran (whatever the verdict), 2 on a usage or I/O problem.
 * Compiled at test time: gcc -O1 -o loadcheck loadcheck.c -lbpf
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char buf[4096];
	char *line, *save = NULL;

	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(buf, sizeof(buf), fmt, args);
	/* one "log" record per line: the verifier log spans many */
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("log %s %s\n", level == LIBBPF_WARN ? "warn" : "info", line);
	return 0;
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc(n > 0 ? n : 1);
	if (data && fread(data, 1, n, f) != (size_t)n) {
		free(data);
		data = NULL;
	}
	fclose(f);
	*size = n;
	return data;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj = NULL;
	struct bpf_program *prog = NULL;
	struct bpf_link *link = NULL;
	/* heap-allocated like bpftool's generated code: bpf_object__destroy_skeleton() frees both */
	struct bpf_object_skeleton *skel = calloc(1, sizeof(*skel));
	struct bpf_prog_skeleton *progs = calloc(1, sizeof(*progs));
	void *data;
	const char *stage = "open";
	int attach = !(argc > 2 && strcmp(argv[2], "--no-attach") == 0);
	int err;

	if (argc < 2) {
		fprintf(stderr, "usage: loadcheck OBJECT [--no-attach]\n");
		return 2;
	}
	if (!skel || !progs)
		return 2;
	progs[0].name = "prog";
	progs[0].prog = &prog;
	progs[0].link = &link;
	skel->sz = sizeof(*skel);
	skel->name = "loadcheck";
	skel->obj = &obj;
	skel->prog_cnt = 1;
	skel->prog_skel_sz = sizeof(*progs);
	skel->progs = progs;
	skel->data = data = read_file(argv[1], &skel->data_sz);
	if (!data) {
		fprintf(stderr, "cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
	libbpf_set_print(print_fn);

	err = bpf_object__open_skeleton(skel, NULL);
	if (!err && prog && !bpf_program__autoload(prog)) {
		printf("autoload-off\n");
		bpf_program__set_autoload(prog, true);
	}
	if (!err) {
		stage = "load";
		err = bpf_object__load_skeleton(skel);
	}
	if (!err && attach) {
		stage = "attach";
		err = bpf_object__attach_skeleton(skel);
	}
	if (!err)
		stage = "done";
	printf("stage %s\nerr %d\nlinked %d\n", stage, err, link != NULL);
	bpf_object__destroy_skeleton(skel);
	free(data);
	return 0;
}

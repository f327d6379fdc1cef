/*
 * Helpers shared by the test programs: paths into the source tree, the
 * built-in model, throw-away data sets on disk, and running the real
 * binary with its output captured. For make check-valgrind, the binary
 * can be run under a wrapper and every wait stretched (the last block).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "search.h"
#include "text.h"
#include "testutil.h"
#include "xalloc.h"

extern char **environ;

char *
test_srcpath(const char *rel)
{
	const char *top = getenv("RESPMAP_SRCDIR");

	return xasprintf("%s/%s", top != NULL ? top : ".", rel);
}

static struct model *builtin;

static void
free_builtin(void)
{
	model_free(builtin);
}

const struct model *
test_builtin_model(void)
{
	struct diags d;

	if (builtin == NULL) {
		diags_init(&d, 0);
		builtin = load_builtin(&d);
		if (builtin == NULL) {
			diags_print(&d, stderr);
			abort();
		}
		diags_free(&d);
		atexit(free_builtin);
	}
	return builtin;
}

static void
rm_tree(const char *dir, const char *const *pairs)
{
	size_t i;
	char *p;

	for (i = 0; pairs[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, pairs[i]);
		chmod(p, 0700);
		if (remove(p) != 0 && errno == ENOTEMPTY)
			rmdir(p);
		free(p);
	}
	rmdir(dir);
}

int
test_load_files(const char *const *pairs, char **errors, struct model **out)
{
	char dir[] = "/tmp/respmap-test-XXXXXX";
	struct diags d;
	struct model *m;
	size_t i, dl;
	char *p, *all, *q;
	FILE *fp;

	if (mkdtemp(dir) == NULL)
		abort();
	for (i = 0; pairs[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, pairs[i]);
		if (pairs[i + 1] == NULL)
			mkdir(p, 0700);	/* NULL contents: a directory */
		else {
			fp = fopen(p, "wb");
			if (fp == NULL)
				abort();
			fwrite(pairs[i + 1], 1, strlen(pairs[i + 1]), fp);
			fclose(fp);
		}
		free(p);
	}
	diags_init(&d, 0);
	m = load_dir(dir, NULL, &d);
	all = diags_join(&d);
	/* Strip the temporary directory from the messages. */
	dl = strlen(dir) + 1;
	while ((q = strstr(all, dir)) != NULL)
		memmove(q, q + dl, strlen(q + dl) + 1);
	*errors = all;
	diags_free(&d);
	rm_tree(dir, pairs);
	if (out != NULL)
		*out = m;
	else
		model_free(m);
	return m != NULL ? 0 : -1;
}

static char *
slurp_fd(int fd)
{
	size_t len = 0, cap = 0;
	ssize_t r;
	char *buf = NULL;

	for (;;) {
		buf = xgrow(buf, &cap, len + 4096, 1);
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf = xgrow(buf, &cap, len + 1, 1);
	buf[len] = '\0';
	return buf;
}

int
test_run(const char *const argv[], const char *const envp_extra[],
    char **out, char **err)
{
	char tmpl_o[] = "/tmp/respmap-out-XXXXXX";
	char tmpl_e[] = "/tmp/respmap-err-XXXXXX";
	int fo = mkstemp(tmpl_o), fe = mkstemp(tmpl_e), status;
	posix_spawn_file_actions_t fa;
	char **env, **wrapped;
	size_t n = 0, i, k = 0;
	pid_t pid;

	if (fo < 0 || fe < 0)
		abort();
	unlink(tmpl_o);
	unlink(tmpl_e);
	while (environ[n] != NULL)
		n++;
	for (i = 0; envp_extra != NULL && envp_extra[i] != NULL; i++)
		;
	env = xcalloc(n + i + 1, sizeof *env);
	for (i = 0; envp_extra != NULL && envp_extra[i] != NULL; i++)
		env[k++] = (char *)envp_extra[i];
	for (i = 0; i < n; i++)
		env[k++] = environ[i];	/* earlier entries win in glibc */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fo, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fe, STDERR_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	wrapped = test_wrap_argv(argv);
	if (posix_spawn(&pid, wrapped[0], &fa, NULL, wrapped, env) != 0)
		abort();
	test_wrap_free(wrapped, argv);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	lseek(fo, 0, SEEK_SET);
	lseek(fe, 0, SEEK_SET);
	*out = slurp_fd(fo);
	*err = slurp_fd(fe);
	close(fo);
	close(fe);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ------------------------------------------- wrappers and time scaling */

/* Is argv0 the program under test? Its file name says so; the harness's
 * own helpers (/bin/sh, /bin/cat) are left alone. */
static bool
is_respmap(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	return strcmp(base != NULL ? base + 1 : argv0, "respmap") == 0;
}

/* The wrapper's program as a path: as given when it has a slash, else the
 * first executable of that name in PATH, else as given (the exec then
 * fails and says so). */
static char *
find_program(const char *name)
{
	const char *path = getenv("PATH"), *p, *e;
	char *cand;

	if (strchr(name, '/') != NULL || path == NULL)
		return xstrdup(name);
	for (p = path; ; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		/* An empty entry is the current directory. */
		if (e == p)
			cand = xasprintf("./%s", name);
		else
			cand = xasprintf("%.*s/%s", (int)(e - p), p, name);
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (*e == '\0')
			break;
	}
	return xstrdup(name);
}

char **
test_wrap_argv(const char *const argv[])
{
	const char *w = getenv("RESPMAP_WRAPPER"), *p;
	size_t nw = 0, na = 0, i, k = 0, len;
	char **v;

	if (w == NULL || argv[0] == NULL || !is_respmap(argv[0]))
		return (char **)argv;
	for (p = w; *p != '\0'; ) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		nw++;
		p += strcspn(p, " \t");
	}
	if (nw == 0)
		return (char **)argv;
	while (argv[na] != NULL)
		na++;
	v = xcalloc(nw + na + 1, sizeof *v);
	for (p = w; k < nw; p += len) {
		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		v[k] = xstrndup(p, len);
		if (k == 0) {
			char *path = find_program(v[0]);

			free(v[0]);
			v[0] = path;
		}
		k++;
	}
	for (i = 0; i < na; i++)
		v[k++] = (char *)argv[i];
	v[k] = NULL;
	return v;
}

void
test_wrap_free(char **wrapped, const char *const argv[])
{
	size_t i;

	if (wrapped == (char **)argv)
		return;
	/* The wrapper's words are ours; argv's strings follow them. */
	for (i = 0; wrapped[i] != argv[0]; i++)
		free(wrapped[i]);
	free(wrapped);
}

int
test_ms(int ms)
{
	const char *s = getenv("RESPMAP_TEST_TIMEOUT_SCALE");
	double scale = 1, r;
	char *end;

	if (s != NULL && *s != '\0') {
		scale = strtod(s, &end);
		/* A typo must not turn every wait into zero. */
		if (*end != '\0' || !(scale > 0) || scale > 1000) {
			fprintf(stderr, "# bad RESPMAP_TEST_TIMEOUT_SCALE "
			    "'%s': using 1\n", s);
			scale = 1;
		}
	}
	r = ms * scale + 0.5;
	return r > 1e9 ? 1000000000 : (int)r;
}

size_t
test_scan_hits(const struct model_topic *const *topics, size_t ntopics,
    const char *q, struct search_hit **out)
{
	struct search_hit h, *v = NULL;
	size_t n = 0, cap = 0, i, j;
	ptrdiff_t at;

	for (i = 0; *q != '\0' && i < ntopics; i++) {
		const struct model_topic *t = topics[i];

		memset(&h, 0, sizeof h);
		h.topic = t;
		if ((at = text_find_fold(t->title, 0, q, &h.len)) >= 0)
			h.field = SEARCH_TITLE;
		else if ((at = text_find_fold(t->summary, 0, q, &h.len)) >= 0)
			h.field = SEARCH_SUMMARY;
		if (at >= 0) {
			h.off = (size_t)at;
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = h;
		}
		for (j = 0; j < t->nitems; j++)
			if (search_item(t->items[j], q, &h)) {
				v = xgrow(v, &cap, n + 1, sizeof *v);
				v[n++] = h;
			}
	}
	*out = v;
	return n;
}

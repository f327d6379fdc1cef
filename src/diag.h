/*
 * Diagnostics: the problems found in a data set, each with the file and the
 * position it points at, kept in order so that every problem of a run can be
 * reported at once ("FILE:LINE:COLUMN: message").
 */
#ifndef RESPMAP_DIAG_H
#define RESPMAP_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

struct diag {
	char	*file;		/* as the user named it */
	size_t	 line;		/* 1-based; 0 when the problem is the whole file */
	size_t	 col;		/* 1-based, in characters; 0 with line 0 */
	char	*msg;
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 limit;		/* most problems kept per file */
	size_t		 dropped;	/* problems past the limit */
	size_t		 total;		/* every problem, kept or not */
	size_t		 file_count;	/* problems in the current file */
	const char	*file_name;	/* current file */
};

void diags_init(struct diags *d, size_t limit_per_file);
void diags_free(struct diags *d);
/* Start counting the problems of another file. */
void diags_begin_file(struct diags *d, const char *file);
/* Finish a file: a note when some of its problems were not kept. */
void diags_end_file(struct diags *d);
void diags_add(struct diags *d, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diags_addv(struct diags *d, size_t line, size_t col, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));
/* Print every problem, one a line. */
void diags_print(const struct diags *d, FILE *fp);
/* One string of every problem, one a line; the caller frees it. */
char *diags_join(const struct diags *d);

/* ------------------------------------------- problems past the limit */

/* Whether the next problem of the current file would not be kept: past
 * the limit, so that working out where it is (a scan of the file) can be
 * skipped, as a hostile file may have millions. */
bool diags_full(const struct diags *d);
/* Count n more problems of the current file that would not be kept (once
 * diags_full): as n calls of diags_add, without making their messages. */
void diags_count_dropped(struct diags *d, size_t n);

#endif

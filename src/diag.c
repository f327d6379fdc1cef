/*
 * A list of positioned problems. The loader reports into it and goes on, so
 * that one run shows all the problems of a file, up to a limit that keeps a
 * hostile file from flooding the terminal.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

void
diags_init(struct diags *d, size_t limit_per_file)
{
	memset(d, 0, sizeof *d);
	d->limit = limit_per_file;
}

void
diags_free(struct diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void
diags_begin_file(struct diags *d, const char *file)
{
	d->file_name = file;
	d->file_count = 0;
	d->dropped = 0;
}

static void
push(struct diags *d, size_t line, size_t col, char *msg)
{
	struct diag *g;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->file = xstrdup(d->file_name != NULL ? d->file_name : "-");
	g->line = line;
	g->col = col;
	g->msg = msg;
}

void
diags_end_file(struct diags *d)
{
	if (d->dropped > 0)
		push(d, 0, 0, xasprintf(ngettext_("%zu more problem not shown",
		    "%zu more problems not shown", d->dropped), d->dropped));
	d->dropped = 0;
	d->file_count = 0;
}

void
diags_addv(struct diags *d, size_t line, size_t col, const char *fmt,
    va_list ap)
{
	va_list aq;
	int len;
	char *msg;

	d->total++;
	if (d->limit != 0 && d->file_count >= d->limit) {
		d->dropped++;
		return;
	}
	d->file_count++;
	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		len = 0;
	msg = xmalloc((size_t)len + 1);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	push(d, line, col, msg);
}

void
diags_add(struct diags *d, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_addv(d, line, col, fmt, ap);
	va_end(ap);
}

/* One problem as a line. Messages quote data and file names, which must
 * not reach a terminal as control sequences. */
static char *
format_one(const struct diag *g)
{
	char *raw, *safe;

	if (g->line == 0)
		raw = xasprintf("%s: %s", g->file, g->msg);
	else
		raw = xasprintf("%s:%zu:%zu: %s", g->file, g->line, g->col,
		    g->msg);
	safe = text_sanitize_quoted(raw, strlen(raw), false);
	free(raw);
	return safe;
}

void
diags_print(const struct diags *d, FILE *fp)
{
	size_t i;
	char *s;

	for (i = 0; i < d->n; i++) {
		s = format_one(&d->v[i]);
		fprintf(fp, "%s\n", s);
		free(s);
	}
}

char *
diags_join(const struct diags *d)
{
	size_t i, len = 0, cap = 0;
	char *out = NULL, *s;
	size_t sl;

	for (i = 0; i < d->n; i++) {
		s = format_one(&d->v[i]);
		sl = strlen(s);
		out = xgrow(out, &cap, len + sl + 2, 1);
		memcpy(out + len, s, sl);
		len += sl;
		out[len++] = '\n';
		free(s);
	}
	out = xgrow(out, &cap, len + 1, 1);
	out[len] = '\0';
	return out;
}

/* ------------------------------------------- problems past the limit */

bool
diags_full(const struct diags *d)
{
	return d->limit != 0 && d->file_count >= d->limit;
}

void
diags_count_dropped(struct diags *d, size_t n)
{
	/* Saturating: a count past SIZE_MAX (the missing cells of a huge
	 * matrix, on a 32-bit system) stays "very many", never wraps. */
	d->total = n > SIZE_MAX - d->total ? SIZE_MAX : d->total + n;
	d->dropped = n > SIZE_MAX - d->dropped ? SIZE_MAX : d->dropped + n;
}

/*
 * The command-line answers. Each command reads the model and writes lines;
 * text from the data passes through the renderer or text_sanitize on its
 * way out, and names from the command line through text_sanitize_quoted,
 * so neither a data file nor an argument can write escape sequences to the
 * console.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "print.h"
#include "render.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

size_t
cli_width(int fd)
{
	const char *s = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v;

	if (s != NULL && *s != '\0') {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v > 0 && v <= 10000)
			return (size_t)v;
	}
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static char *
clean(const struct cli *c, const char *s)
{
	return text_sanitize(s, strlen(s), c->ascii);
}

/* A name from the command line, quoted in a message: shown, escape
 * sequences and all, as plain text (see text_sanitize_quoted). */
static char *
quote(const struct cli *c, const char *s)
{
	return text_sanitize_quoted(s, strlen(s), c->ascii);
}

/* Write s padded with spaces to width cells. */
static void
put_padded(FILE *fp, const char *s, size_t width)
{
	size_t w = text_width(s);

	fputs(s, fp);
	for (; w < width; w++)
		fputc(' ', fp);
}

/* ------------------------------------------------------------- list */

static void
list_topic(const struct cli *c, const struct model_topic *t, size_t depth,
    size_t idw)
{
	char *id = xasprintf("%*s%s", (int)(depth * 2), "", t->id);
	char *title = clean(c, t->title);
	size_t i;

	put_padded(c->out, id, idw);
	fputs("  ", c->out);
	if (c->color)
		fprintf(c->out, "\033[1m%s\033[0m", title);
	else
		fputs(title, c->out);
	if (t->naliases > 0) {
		fputs("  (", c->out);
		for (i = 0; i < t->naliases; i++)
			fprintf(c->out, "%s%s", i > 0 ? ", " : "",
			    t->aliases[i]);
		fputc(')', c->out);
	}
	fputc('\n', c->out);
	free(title);
	free(id);
	for (i = 0; i < t->nchildren; i++)
		list_topic(c, t->children[i], depth + 1, idw);
}

static size_t
id_width(const struct model_topic *t, size_t depth)
{
	size_t w = depth * 2 + strlen(t->id), i, cw;

	for (i = 0; i < t->nchildren; i++) {
		cw = id_width(t->children[i], depth + 1);
		if (cw > w)
			w = cw;
	}
	return w;
}

int
cli_list(const struct cli *c)
{
	size_t i, w = 0, rw;

	for (i = 0; i < c->m->nroots; i++) {
		rw = id_width(c->m->roots[i], 0);
		if (rw > w)
			w = rw;
	}
	for (i = 0; i < c->m->nroots; i++)
		list_topic(c, c->m->roots[i], 0, w);
	return CLI_OK;
}

/* ------------------------------------------------------------ print */

static void
show_candidates(const struct cli *c, const struct model_match *mm)
{
	size_t i;
	char *title;

	for (i = 0; i < mm->ncandidates && i < 20; i++) {
		title = clean(c, mm->candidates[i]->title);
		fprintf(c->err, "  %-20s %s\n", mm->candidates[i]->id, title);
		free(title);
	}
	if (mm->ncandidates > 20)
		fprintf(c->err, _("  ... and %zu more\n"),
		    mm->ncandidates - 20);
}

/* Resolve a topic name, explaining on stderr when it does not resolve. */
static const struct model_topic *
resolve(const struct cli *c, const char *name)
{
	struct model_match mm;
	const struct model_topic *t = NULL;
	char *q = quote(c, name);

	model_match_topic(c->m, name, &mm);
	switch (mm.kind) {
	case MODEL_MATCH_EXACT:
	case MODEL_MATCH_PREFIX:
		t = mm.topic;
		break;
	case MODEL_MATCH_AMBIGUOUS:
		fprintf(c->err, _("respmap: '%s' is ambiguous; it could be:\n"),
		    q);
		show_candidates(c, &mm);
		break;
	case MODEL_MATCH_NONE:
		fprintf(c->err, _("respmap: no topic '%s'"), q);
		if (mm.ncandidates > 0) {
			fputs(_("; did you mean:\n"), c->err);
			show_candidates(c, &mm);
		} else
			fputs(_(" (respmap --list shows them all)\n"), c->err);
		break;
	}
	model_match_free(&mm);
	free(q);
	return t;
}

int
cli_print(const struct cli *c, char *const *names, size_t n)
{
	struct render_opts o;
	struct render_doc d;
	const struct model_topic **topics;
	size_t i;
	int rc = CLI_OK;

	/* Resolve them all first, so a typo prints nothing half-way. */
	topics = xreallocarray(NULL, n, sizeof *topics);
	for (i = 0; i < n; i++) {
		topics[i] = resolve(c, names[i]);
		if (topics[i] == NULL)
			rc = CLI_FAIL;
	}
	if (rc != CLI_OK) {
		free(topics);
		return rc;
	}
	memset(&o, 0, sizeof o);
	o.width = c->width;
	o.ascii = c->ascii;
	for (i = 0; i < n; i++) {
		memset(&d, 0, sizeof d);
		if (i > 0)
			fputc('\n', c->out);
		render_topic(c->m, topics[i], &o, &d);
		print_doc(c->out, &d, c->color);
		render_doc_free(&d);
	}
	free(topics);
	return CLI_OK;
}

/* ----------------------------------------------------------- search */

struct search_out {
	const struct cli	*c;
	size_t			 idw;
	size_t			 partyw;
	bool			 measure;
};

/* Print text with the match [off, off+len) in reverse video. */
static void
put_highlighted(const struct cli *c, const char *raw, size_t off, size_t len,
    bool hit)
{
	char *a, *b, *z;

	if (!c->color || !hit) {
		a = clean(c, raw);
		fputs(a, c->out);
		free(a);
		return;
	}
	a = text_sanitize(raw, off, c->ascii);
	b = text_sanitize(raw + off, len, c->ascii);
	z = clean(c, raw + off + len);
	fprintf(c->out, "%s\033[7m%s\033[0m%s", a, b, z);
	free(a);
	free(b);
	free(z);
}

static bool
on_hit(void *ctx, const struct search_hit *h)
{
	struct search_out *so = ctx;
	const struct cli *c = so->c;
	const char *party;
	char *safe;
	size_t w;

	party = h->item != NULL ? render_party_name(c->m, h->item->party) :
	    _("topic");
	safe = clean(c, party);
	party = safe;
	if (so->measure) {
		if (strlen(h->topic->id) > so->idw)
			so->idw = strlen(h->topic->id);
		w = text_width(party);
		if (w > so->partyw)
			so->partyw = w;
		free(safe);
		return true;
	}
	put_padded(c->out, h->topic->id, so->idw + 2);
	if (c->color && h->item != NULL)
		fprintf(c->out, "\033[%sm", print_sgr(RS_MARKER,
		    (enum render_party)h->item->party));
	put_padded(c->out, party, so->partyw + 2);
	if (c->color && h->item != NULL)
		fputs("\033[0m", c->out);
	if (h->item == NULL) {
		put_highlighted(c, h->topic->title, h->off, h->len,
		    h->field == SEARCH_TITLE);
		if (h->field == SEARCH_SUMMARY) {
			fputs(": ", c->out);
			put_highlighted(c, h->topic->summary, h->off, h->len,
			    true);
		}
	} else {
		if (*h->item->group != '\0') {
			put_highlighted(c, h->item->group, h->off, h->len,
			    h->field == SEARCH_GROUP);
			fputs(c->ascii ? " > " : " › ", c->out);
		}
		if (*h->item->label != '\0') {
			put_highlighted(c, h->item->label, h->off, h->len,
			    h->field == SEARCH_LABEL);
			fputs(": ", c->out);
		}
		put_highlighted(c, h->item->text, h->off, h->len,
		    h->field == SEARCH_TEXT);
	}
	fputc('\n', c->out);
	free(safe);
	return true;
}

int
cli_search(const struct cli *c, const char *query)
{
	struct search_out so;
	char *q;

	memset(&so, 0, sizeof so);
	so.c = c;
	so.measure = true;
	if (search_model(c->m, query, on_hit, &so) == 0) {
		q = quote(c, query);
		fprintf(c->err, _("respmap: nothing matches '%s'\n"), q);
		free(q);
		return CLI_FAIL;
	}
	so.measure = false;
	search_model(c->m, query, on_hit, &so);
	return CLI_OK;
}

/* ------------------------------------------------------------ check */

void
cli_summary(const struct cli *c, const char *label)
{
	char *l = quote(c, label);

	fprintf(c->out, _("%s: OK: %zu topics, %zu items, %zu sources"), l,
	    c->m->ntopics, c->m->nitems, c->m->nsources);
	if (c->m->nlayers > 0)
		fprintf(c->out, ngettext_("; a matrix of %zu layers by %zu "
		    "service type", "; a matrix of %zu layers by %zu service "
		    "types", c->m->ncolumns), c->m->nlayers, c->m->ncolumns);
	fputc('\n', c->out);
	free(l);
}

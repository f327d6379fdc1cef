/*
 * Topic rendering. Columns are built as separate blocks of lines and then
 * zipped side by side, so wrapping, group headings and hanging indents are
 * written once and serve both the side-by-side and the stacked layouts.
 *
 * Every string from the model passes through text_sanitize before it is
 * put in a span; nothing else here looks at the bytes of data text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "text.h"
#include "xalloc.h"

struct glyphs {
	const char	*bullet, *shared, *vrule, *hrule, *cross, *sep, *dash;
};

static const struct glyphs utf8_glyphs = {
	"• ", "◆ ", "│", "─", "┼", " › ", " — "
};
static const struct glyphs ascii_glyphs = {
	"* ", "+ ", "|", "-", "+", " > ", " - "
};

static const struct glyphs *
glyphs(bool ascii)
{
	return ascii ? &ascii_glyphs : &utf8_glyphs;
}

static char *
clean(const char *s, bool ascii)
{
	return text_sanitize(s, strlen(s), ascii);
}

/* ------------------------------------------------------------ lines */

static struct render_line *
new_line(struct render_doc *d)
{
	struct render_line *l;

	d->lines = xgrow(d->lines, &d->cap, d->n + 1, sizeof *d->lines);
	l = &d->lines[d->n++];
	memset(l, 0, sizeof *l);
	return l;
}

/* Add a span that takes ownership of text; returns it. */
static struct render_span *
add_span_own(struct render_line *l, size_t col, char *text,
    enum render_style style, enum render_party party)
{
	struct render_span *s;

	l->spans = xgrow(l->spans, &l->cap, l->nspans + 1, sizeof *l->spans);
	s = &l->spans[l->nspans++];
	s->col = col;
	s->width = text_width(text);
	s->text = text;
	s->style = style;
	s->party = party;
	s->item = NULL;
	return s;
}

static void
add_span(struct render_line *l, size_t col, const char *text,
    enum render_style style, enum render_party party)
{
	add_span_own(l, col, xstrdup(text), style, party);
}

static void
blank(struct render_doc *d)
{
	if (d->n > 0 && d->lines[d->n - 1].nspans > 0)
		new_line(d);
}

void
render_doc_free(struct render_doc *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->lines[i].nspans; j++)
			free(d->lines[i].spans[j].text);
		free(d->lines[i].spans);
	}
	free(d->lines);
	memset(d, 0, sizeof *d);
}

/* Move the lines of src into dst, shifted right by col; src is emptied. */
static void
merge_into(struct render_line *dst, struct render_line *src, size_t col)
{
	size_t i;

	for (i = 0; i < src->nspans; i++) {
		struct render_span *s = &src->spans[i];

		add_span_own(dst, s->col + col, s->text, s->style,
		    s->party)->item = s->item;
		s->text = NULL;
	}
}

/* ----------------------------------------------------------- blocks */

/*
 * A paragraph: an optional marker, then "label: text" wrapped to width
 * with a hanging indent under the marker. The label keeps its own style
 * across the wrap.
 */
struct para {
	size_t			 indent;
	const char		*marker;	/* already clean */
	enum render_style	 marker_style;
	enum render_party	 party;
	const char		*label;		/* raw model text, or NULL */
	const char		*text;		/* raw model text */
	enum render_style	 style;
	const struct model_item	*item;
};

static void
emit_para(struct render_doc *d, const struct para *p, size_t width,
    bool ascii)
{
	char *label = p->label != NULL && *p->label != '\0' ?
	    clean(p->label, ascii) : NULL;
	char *text = clean(p->text, ascii), *full;
	size_t mw = p->marker != NULL ? text_width(p->marker) : 0;
	size_t lab_end = 0, avail, nl, k;
	struct text_line *wl;

	if (label != NULL) {
		full = xasprintf("%s: %s", label, text);
		lab_end = strlen(label) + 1;
	} else
		full = xstrdup(text);
	avail = width > p->indent + mw ? width - p->indent - mw : 1;
	nl = text_wrap(full, avail, &wl);
	for (k = 0; k < nl; k++) {
		struct render_line *l = new_line(d);
		size_t off = wl[k].off, len = wl[k].len, col = p->indent + mw;

		if (k == 0 && p->marker != NULL)
			add_span_own(l, p->indent, xstrdup(p->marker),
			    p->marker_style, p->party)->item = p->item;
		if (off < lab_end) {
			size_t n = lab_end - off < len ? lab_end - off : len;
			char *part = xstrndup(full + off, n);

			add_span_own(l, col, part, RS_LABEL,
			    p->party)->item = p->item;
			col += text_width(part);
			off += n;
			len -= n;
		}
		if (len > 0)
			add_span_own(l, col, xstrndup(full + off, len),
			    p->style, p->style == RS_TEXT ? RP_NONE :
			    p->party)->item = p->item;
	}
	free(wl);
	free(full);
	free(text);
	free(label);
}

/* A heading or any one-style text, wrapped. */
static void
emit_text(struct render_doc *d, size_t indent, size_t width, const char *raw,
    enum render_style style, enum render_party party, bool ascii)
{
	struct para p;

	memset(&p, 0, sizeof p);
	p.indent = indent;
	p.text = raw;
	p.style = style;
	p.party = party;
	emit_para(d, &p, width, ascii);
}

static void
emit_rule(struct render_doc *d, size_t width, const char *g)
{
	struct render_line *l = new_line(d);
	size_t gl = strlen(g), i;
	char *s = xmalloc(gl * width + 1);

	for (i = 0; i < width; i++)
		memcpy(s + i * gl, g, gl);
	s[gl * width] = '\0';
	add_span_own(l, 0, s, RS_RULE, RP_NONE);
}

/* ---------------------------------------------------------- parties */

const char *
render_party_name(const struct model *m, enum model_party p)
{
	switch (p) {
	case MODEL_PROVIDER:
		return m->meta.provider;
	case MODEL_CUSTOMER:
		return m->meta.customer;
	case MODEL_SHARED:
		return _("Both");
	case MODEL_UNSTATED:
		break;
	}
	return _("Not stated");
}

char *
render_party_heading(const struct model *m, enum model_party p, bool ascii)
{
	const char *dash = glyphs(ascii)->dash;

	switch (p) {
	case MODEL_PROVIDER:
		return xasprintf("%s%s%s", m->meta.provider, dash,
		    m->meta.provider_heading);
	case MODEL_CUSTOMER:
		return xasprintf("%s%s%s", m->meta.customer, dash,
		    m->meta.customer_heading);
	case MODEL_SHARED:
		/* TRANSLATORS: heading of the items both parties hold;
		 * %s are the provider's and the customer's names. */
		return xasprintf(_("Both %s and %s"), m->meta.provider,
		    m->meta.customer);
	case MODEL_UNSTATED:
		break;
	}
	return xstrdup(_("Not stated"));
}

char *
render_topic_path(const struct model_topic *t, bool ascii)
{
	const struct model_topic *chain[64];
	size_t n = 0, i, len = 0, cap = 0;
	char *out = NULL, *part;
	const char *sep = glyphs(ascii)->sep;

	for (; t != NULL && n < 64; t = t->nparents > 0 ? t->parents[0] : NULL)
		chain[n++] = t;
	for (i = n; i-- > 0;) {
		part = clean(chain[i]->title, ascii);
		out = xgrow(out, &cap, len + strlen(part) + strlen(sep) + 1, 1);
		if (len > 0) {
			memcpy(out + len, sep, strlen(sep));
			len += strlen(sep);
		}
		memcpy(out + len, part, strlen(part));
		len += strlen(part);
		free(part);
	}
	out = xgrow(out, &cap, len + 1, 1);
	out[len] = '\0';
	return out;
}

/* ---------------------------------------------------------- columns */

static void
emit_item(struct render_doc *d, const struct model *m,
    const struct model_item *it, size_t width, bool ascii)
{
	const struct glyphs *g = glyphs(ascii);
	struct para p;
	char *marker = NULL;

	memset(&p, 0, sizeof p);
	p.party = (enum render_party)it->party;
	p.marker_style = RS_MARKER;
	p.label = it->label;
	p.text = it->text;
	p.style = RS_TEXT;
	p.item = it;
	if (it->party == MODEL_SHARED) {
		/* Never colour alone: a shared item says so in words. */
		marker = xasprintf("%s[%s] ", g->shared,
		    render_party_name(m, MODEL_SHARED));
		p.marker = marker;
	} else
		p.marker = g->bullet;
	emit_para(d, &p, width, ascii);
	free(marker);
}

/* The items of one party (and group, when group is not NULL). */
static void
emit_party_items(struct render_doc *d, const struct model *m,
    struct model_item *const *items, size_t n, enum model_party party,
    const char *group, size_t width, bool ascii)
{
	const char *cur = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct model_item *it = items[i];

		if (it->party != party)
			continue;
		if (group != NULL && strcmp(it->group, group) != 0)
			continue;
		if (group == NULL && *it->group != '\0' &&
		    (cur == NULL || strcmp(cur, it->group) != 0)) {
			if (cur != NULL)
				blank(d);
			emit_text(d, 0, width, it->group, RS_GROUP,
			    (enum render_party)party, ascii);
		}
		cur = it->group;
		emit_item(d, m, it, width, ascii);
	}
}

static void
zip(struct render_doc *d, struct render_doc *left, struct render_doc *right,
    size_t lw, const char *vrule)
{
	size_t i, n = left->n > right->n ? left->n : right->n;

	for (i = 0; i < n; i++) {
		struct render_line *l = new_line(d);

		if (i < left->n)
			merge_into(l, &left->lines[i], 0);
		add_span(l, lw + 1, vrule, RS_RULE, RP_NONE);
		if (i < right->n)
			merge_into(l, &right->lines[i], lw + 3);
	}
	render_doc_free(left);
	render_doc_free(right);
}

static bool
has_party(struct model_item *const *items, size_t n, enum model_party p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i]->party == p)
			return true;
	return false;
}

/* Do some groups hold items of both parties? Then the columns are cut into
 * bands, one a group, so the two sides of a control stand level. */
static bool
banded(struct model_item *const *items, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (items[i]->party != MODEL_PROVIDER)
			continue;
		for (j = 0; j < n; j++)
			if (items[j]->party == MODEL_CUSTOMER &&
			    strcmp(items[j]->group, items[i]->group) == 0)
				return true;
	}
	return false;
}

static void
emit_shared(struct render_doc *d, const struct model *m,
    struct model_item *const *items, size_t n, const char *group,
    size_t width, bool ascii)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i]->party == MODEL_SHARED && (group == NULL ||
		    strcmp(items[i]->group, group) == 0))
			emit_item(d, m, items[i], width, ascii);
}

static void
emit_stacked(struct render_doc *d, const struct model *m,
    struct model_item *const *items, size_t n, size_t width, bool ascii)
{
	static const enum model_party order[] = {
		MODEL_PROVIDER, MODEL_CUSTOMER, MODEL_SHARED
	};
	size_t k;
	char *h;

	for (k = 0; k < 3; k++) {
		if (!has_party(items, n, order[k]))
			continue;
		blank(d);
		h = render_party_heading(m, order[k], ascii);
		emit_text(d, 0, width, h, RS_HEADING,
		    (enum render_party)order[k], ascii);
		free(h);
		emit_rule(d, width, glyphs(ascii)->hrule);
		emit_party_items(d, m, items, n, order[k], NULL, width,
		    ascii);
	}
}

static void
emit_columns(struct render_doc *d, const struct model *m,
    struct model_item *const *items, size_t n, const struct render_opts *o)
{
	const struct glyphs *g = glyphs(o->ascii);
	size_t lw, rw, i, j;
	struct render_doc left, right;
	char *h;

	if (n == 0)
		return;
	if (o->stacked || o->width < (o->min_side != 0 ? o->min_side :
	    RENDER_MIN_SIDE_BY_SIDE)) {
		emit_stacked(d, m, items, n, o->width, o->ascii);
		return;
	}
	lw = (o->width - 3) / 2;
	rw = o->width - 3 - lw;
	memset(&left, 0, sizeof left);
	memset(&right, 0, sizeof right);
	h = render_party_heading(m, MODEL_PROVIDER, o->ascii);
	emit_text(&left, 0, lw, h, RS_HEADING, RP_PROVIDER, o->ascii);
	free(h);
	h = render_party_heading(m, MODEL_CUSTOMER, o->ascii);
	emit_text(&right, 0, rw, h, RS_HEADING, RP_CUSTOMER,
	    o->ascii);
	free(h);
	zip(d, &left, &right, lw, g->vrule);
	{
		struct render_line *l = new_line(d);
		char *s = xmalloc(strlen(g->hrule) * o->width + 1);
		size_t gl = strlen(g->hrule), pos = 0, c;

		for (c = 0; c < o->width; c++) {
			const char *piece = c == lw + 1 ? g->cross : g->hrule;

			memcpy(s + pos, piece, strlen(piece));
			pos += strlen(piece);
		}
		s[pos] = '\0';
		(void)gl;
		add_span_own(l, 0, s, RS_RULE, RP_NONE);
	}
	if (!banded(items, n)) {
		emit_party_items(&left, m, items, n, MODEL_PROVIDER, NULL, lw,
		    o->ascii);
		emit_party_items(&right, m, items, n, MODEL_CUSTOMER, NULL, rw,
		    o->ascii);
		zip(d, &left, &right, lw, g->vrule);
		if (has_party(items, n, MODEL_SHARED)) {
			blank(d);
			emit_shared(d, m, items, n, NULL, o->width, o->ascii);
		}
		return;
	}
	for (i = 0; i < n; i++) {
		const char *grp = items[i]->group;

		for (j = 0; j < i; j++)
			if (strcmp(items[j]->group, grp) == 0)
				break;
		if (j < i)
			continue;	/* this group is done */
		if (i > 0)
			blank(d);
		if (*grp != '\0')
			emit_text(d, 0, o->width, grp, RS_GROUP, RP_NONE,
			    o->ascii);
		emit_party_items(&left, m, items, n, MODEL_PROVIDER, grp, lw,
		    o->ascii);
		emit_party_items(&right, m, items, n, MODEL_CUSTOMER, grp, rw,
		    o->ascii);
		zip(d, &left, &right, lw, g->vrule);
		emit_shared(d, m, items, n, grp, o->width, o->ascii);
	}
}

/* ------------------------------------------------------ other shapes */

static void
emit_list(struct render_doc *d, const struct model *m,
    struct model_item *const *items, size_t n, const struct render_opts *o)
{
	bool mixed = false;
	const char *cur = NULL;
	size_t i, num = 0;
	char *h, *marker, *tagged = NULL;

	for (i = 1; i < n; i++)
		if (items[i]->party != items[0]->party)
			mixed = true;
	if (n > 0 && !mixed) {
		h = render_party_heading(m, items[0]->party, o->ascii);
		emit_text(d, 0, o->width, h, RS_HEADING,
		    (enum render_party)items[0]->party, o->ascii);
		free(h);
		emit_rule(d, o->width, glyphs(o->ascii)->hrule);
	}
	for (i = 0; i < n; i++) {
		const struct model_item *it = items[i];
		struct para p;

		if (cur == NULL || strcmp(cur, it->group) != 0) {
			if (cur != NULL)
				blank(d);
			if (*it->group != '\0')
				emit_text(d, 0, o->width, it->group, RS_GROUP,
				    RP_NONE, o->ascii);
			num = 0;
		}
		cur = it->group;
		num++;
		marker = xasprintf("%2zu. ", num);
		/* In a list of mixed parties each item names its party in
		 * words, so colour is never the only sign. */
		if (mixed)
			tagged = *it->label != '\0' ? xasprintf("[%s] %s",
			    render_party_name(m, it->party), it->label) :
			    xasprintf("[%s]", render_party_name(m,
			    it->party));
		memset(&p, 0, sizeof p);
		p.marker = marker;
		p.marker_style = RS_MARKER;
		p.party = (enum render_party)it->party;
		p.label = mixed ? tagged : it->label;
		p.text = it->text;
		p.style = RS_TEXT;
		p.item = it;
		emit_para(d, &p, o->width, o->ascii);
		free(marker);
		free(tagged);
		tagged = NULL;
	}
}

static void
emit_myth(struct render_doc *d, const struct model_topic *t,
    const struct render_opts *o)
{
	size_t i;

	for (i = 0; i < t->nitems; i++) {
		const struct model_item *it = t->items[i];
		struct para p;

		memset(&p, 0, sizeof p);
		p.party = (enum render_party)it->party;
		p.label = it->label;
		p.text = it->text;
		p.style = RS_TEXT;
		p.item = it;
		p.indent = 2;
		blank(d);
		emit_para(d, &p, o->width, o->ascii);
	}
}

/* In the matrix a cell both parties hold reads "Shared", as in the
 * control types: each holds its own part of the layer. */
static const char *
cell_name(const struct model *m, enum model_party p)
{
	return p == MODEL_SHARED ? _("Shared") : render_party_name(m, p);
}

/* The cited items of a cell, as one line of text. */
static char *
cell_reasons(const struct model_cell *c)
{
	size_t i, len = 0, cap = 0, sl;
	char *out = NULL, *s;

	for (i = 0; i < c->ncites; i++) {
		const struct model_item *it = c->cites[i];

		s = *it->label != '\0' ? xasprintf("%s: %s", it->label,
		    it->text) : xstrdup(it->text);
		sl = strlen(s);
		out = xgrow(out, &cap, len + sl + 3, 1);
		if (len > 0) {
			memcpy(out + len, "; ", 2);
			len += 2;
		}
		memcpy(out + len, s, sl);
		len += sl;
		free(s);
	}
	if (*c->note != '\0') {
		sl = strlen(c->note);
		out = xgrow(out, &cap, len + sl + 3, 1);
		if (len > 0) {
			memcpy(out + len, ". ", 2);
			len += 2;
		}
		memcpy(out + len, c->note, sl);
		len += sl;
	}
	out = xgrow(out, &cap, len + 1, 1);
	out[len] = '\0';
	return out;
}

/* A copy of s cut to width cells, marked with an ellipsis when cut. */
static char *
cut(const char *raw, size_t width, bool ascii)
{
	char *s = clean(raw, ascii), *out;
	const char *mark = ascii ? "." : "…";
	size_t used, n;

	if (text_width(s) <= width)
		return s;
	n = text_fit(s, strlen(s), width > 1 ? width - 1 : 0, &used);
	out = xasprintf("%.*s%s", (int)n, s, mark);
	free(s);
	return out;
}

static void
emit_matrix_table(struct render_doc *d, const struct model *m,
    const struct render_opts *o)
{
	const struct glyphs *g = glyphs(o->ascii);
	size_t nc = m->ncolumns, first = 0, cw, i, j, k, w, cell = 0;
	struct render_doc cells;

	/* Cells as wide as the longest answer, when there is room; the
	 * layer titles take what is left, and wrap. */
	for (i = 0; i <= MODEL_UNSTATED; i++) {
		w = text_width(cell_name(m, (enum model_party)i));
		if (w > cell)
			cell = w;
	}
	for (i = 0; i < m->nlayers; i++) {
		w = text_width(m->layers[i]->title);
		if (w > first)
			first = w;
	}
	if (o->width > 2 + nc * (cell + 1) + 14) {
		if (first > o->width - 2 - nc * (cell + 1))
			first = o->width - 2 - nc * (cell + 1);
	} else if (first > 14)
		first = 14;
	if (o->width < first + 2 + nc * 4) {
		emit_text(d, 0, o->width, _("(too narrow for the table; the "
		    "cells follow)"), RS_NOTE, RP_NONE, false);
		return;
	}
	cw = (o->width - first - 2) / nc;
	{
		struct render_line *l = new_line(d);

		for (j = 0; j < nc; j++)
			add_span_own(l, first + 2 + j * cw,
			    cut(model_topic_short(m->columns[j]), cw - 1,
			    o->ascii), RS_HEADING, RP_NONE);
	}
	emit_rule(d, o->width, g->hrule);
	for (i = 0; i < m->nlayers; i++) {
		size_t start = d->n, rows;

		memset(&cells, 0, sizeof cells);
		emit_text(&cells, 0, first, m->layers[i]->title, RS_LABEL,
		    RP_NONE, o->ascii);
		rows = cells.n;
		for (k = 0; k < rows; k++)
			merge_into(new_line(d), &cells.lines[k], 0);
		render_doc_free(&cells);
		for (j = 0; j < nc; j++) {
			const struct model_cell *c = model_cell(m, i, j);

			add_span_own(&d->lines[start], first + 2 + j * cw,
			    cut(cell_name(m, c->party), cw - 1, o->ascii),
			    RS_MARKER, (enum render_party)c->party);
		}
	}
}

static void
emit_matrix(struct render_doc *d, const struct model *m,
    const struct render_opts *o)
{
	size_t i, j;
	char *label, *why;

	if (m->nlayers == 0 || m->ncolumns == 0)
		return;
	emit_matrix_table(d, m, o);
	for (i = 0; i < m->nlayers; i++) {
		blank(d);
		emit_text(d, 0, o->width, m->layers[i]->title, RS_GROUP,
		    RP_NONE, o->ascii);
		for (j = 0; j < m->ncolumns; j++) {
			const struct model_cell *c = model_cell(m, i, j);
			struct para p;

			label = xasprintf("%s %s %s",
			    model_topic_short(m->columns[j]),
			    o->ascii ? "->" : "→", cell_name(m, c->party));
			why = cell_reasons(c);
			memset(&p, 0, sizeof p);
			p.marker = glyphs(o->ascii)->bullet;
			p.marker_style = RS_MARKER;
			p.party = (enum render_party)c->party;
			p.label = label;
			p.text = *why != '\0' ? why : _("(no item cited)");
			p.style = RS_TEXT;
			emit_para(d, &p, o->width, o->ascii);
			free(why);
			free(label);
		}
	}
}

/* ----------------------------------------------------------- topics */

static void
emit_body(struct render_doc *d, const struct model *m,
    const struct model_topic *t, const struct render_opts *o)
{
	switch (t->layout) {
	case MODEL_LAYOUT_COLUMNS:
		emit_columns(d, m, t->items, t->nitems, o);
		break;
	case MODEL_LAYOUT_LIST:
		emit_list(d, m, t->items, t->nitems, o);
		break;
	case MODEL_LAYOUT_MYTH:
		emit_myth(d, t, o);
		break;
	case MODEL_LAYOUT_MATRIX:
		emit_columns(d, m, t->items, t->nitems, o);
		blank(d);
		emit_matrix(d, m, o);
		break;
	}
}

static void
emit_header(struct render_doc *d, const struct model_topic *t,
    const struct render_opts *o)
{
	char *s;
	size_t i;

	if (t->layout == MODEL_LAYOUT_MYTH) {
		/* TRANSLATORS: a common misconception, shown as a title. */
		s = xasprintf(_("Myth: %s"), t->title);
		emit_text(d, 0, o->width, s, RS_TITLE, RP_NONE, o->ascii);
		free(s);
	} else
		emit_text(d, 0, o->width, t->title, RS_TITLE, RP_NONE,
		    o->ascii);
	if (t->nparents > 0) {
		char *path = render_topic_path(t->parents[0], o->ascii);

		/* TRANSLATORS: %s is where a topic sits in the tree. */
		s = xasprintf(_("Under: %s"), path);
		emit_text(d, 0, o->width, s, RS_PATH, RP_NONE, o->ascii);
		free(path);
		free(s);
	}
	for (i = 1; i < t->nparents; i++) {
		s = xasprintf(_("Also under: %s"), t->parents[i]->title);
		emit_text(d, 0, o->width, s, RS_PATH, RP_NONE, o->ascii);
		free(s);
	}
	if (*t->summary != '\0') {
		blank(d);
		emit_text(d, 0, o->width, t->summary, RS_SUMMARY, RP_NONE,
		    o->ascii);
	}
}

static void
emit_inherited(struct render_doc *d, const struct model *m,
    const struct model_topic *t, const struct render_opts *o)
{
	const struct model_topic *from = t->inherits;
	char *s;

	if (from == NULL || from->nitems == 0)
		return;
	blank(d);
	if (t->nitems == 0)
		/* TRANSLATORS: %s is a service type, e.g. "Container
		 * Services". */
		s = xasprintf(_("No responsibilities of its own in this data "
		    "set; from its service type, %s:"), from->title);
	else
		s = xasprintf(_("From its service type, %s:"), from->title);
	emit_text(d, 0, o->width, s, RS_NOTE, RP_NONE, o->ascii);
	free(s);
	blank(d);
	emit_columns(d, m, from->items, from->nitems, o);
}

static void
emit_children(struct render_doc *d, const struct model_topic *t,
    const struct render_opts *o)
{
	size_t i;

	if (t->nchildren == 0)
		return;
	blank(d);
	emit_text(d, 0, o->width, _("Subtopics"), RS_GROUP, RP_NONE, false);
	for (i = 0; i < t->nchildren; i++) {
		struct para p;

		memset(&p, 0, sizeof p);
		p.marker = glyphs(o->ascii)->bullet;
		p.marker_style = RS_MARKER;
		p.party = RP_NONE;
		p.text = t->children[i]->title;
		p.style = RS_TEXT;
		emit_para(d, &p, o->width, o->ascii);
	}
}

static void
add_source(const struct model_source **v, size_t *n,
    const struct model_source *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < *n; i++)
		if (v[i] == s)
			return;
	v[(*n)++] = s;
}

static void
emit_sources(struct render_doc *d, const struct model_topic *t,
    const struct render_opts *o)
{
	const struct model_source **v;
	size_t n = 0, i;
	char *s;

	v = xreallocarray(NULL, t->nitems + 1, sizeof *v);
	add_source(v, &n, t->source);
	for (i = 0; i < t->nitems; i++)
		add_source(v, &n, t->items[i]->source);
	blank(d);
	for (i = 0; i < n; i++) {
		if (*v[i]->location != '\0')
			s = xasprintf(_("Source: %s <%s>"), v[i]->title,
			    v[i]->location);
		else
			s = xasprintf(_("Source: %s"), v[i]->title);
		emit_text(d, 0, o->width, s, RS_NOTE, RP_NONE, o->ascii);
		free(s);
	}
	free(v);
}

void
render_topic(const struct model *m, const struct model_topic *t,
    const struct render_opts *ro, struct render_doc *d)
{
	struct render_opts o = *ro;

	if (o.width < 20)
		o.width = 20;
	emit_header(d, t, &o);
	if (t->nitems > 0 || t->layout == MODEL_LAYOUT_MATRIX)
		blank(d);
	emit_body(d, m, t, &o);
	emit_inherited(d, m, t, &o);
	emit_children(d, t, &o);
	emit_sources(d, t, &o);
}

char *
render_line_text(const struct render_line *l)
{
	size_t i, col = 0, len = 0, cap = 0, tl;
	char *out = NULL;

	for (i = 0; i < l->nspans; i++) {
		const struct render_span *s = &l->spans[i];

		tl = strlen(s->text);
		out = xgrow(out, &cap, len + (s->col > col ? s->col - col : 0) +
		    tl + 1, 1);
		while (col < s->col) {
			out[len++] = ' ';
			col++;
		}
		memcpy(out + len, s->text, tl);
		len += tl;
		col += s->width;
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out = xgrow(out, &cap, len + 1, 1);
	out[len] = '\0';
	return out;
}

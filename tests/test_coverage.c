/*
 * Coverage of the seed document: every statement of
 * data/sources/aws-shared-responsibility-model.md is in the built-in data,
 * word for word, under the section it came from and attributed to the
 * party the seed names. The seed is parsed at test time, so a statement
 * added to it fails here until the data catches up; a negative test on a
 * made-up snippet proves that the matcher does report what is missing.
 *
 * Conventions (data/sources.csv): a section is cited by a source whose
 * location ends in "#<GitHub anchor of its heading>". A statement belongs
 * to the innermost enclosing section that some source cites and must be
 * found among the items (or topics) citing that source. Bullets such as
 * "**AWS**: a, b, c" are split by the data into one item per element, so
 * they match a run of that party's items whose texts joined with ", " are
 * the bullet's text (one item being the shortest run). Beside bullets:
 * "Examples:" names are child topics, prose is a topic's summary, and each
 * ### or #### heading is the title or group of something citing it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>

#include "model.h"
#include "text.h"
#include "xalloc.h"

#include "testutil.h"

#define SEED_REL	"data/sources/aws-shared-responsibility-model.md"

/*
 * Counted by hand in the seed when this test was written. Lower bounds:
 * the seed may grow, but a parser that finds nothing must fail.
 */
#define MIN_BULLETS	137	/* list items, nested ones included */
#define MIN_PARTY	116	/* bullets whose party the seed states */
#define MIN_HEADINGS	39	/* ### and #### headings checked */
#define MIN_EXAMPLES	12	/* names on the four "Examples:" lines */
#define MIN_PROSE	1	/* the Overview paragraph */

struct heading {
	size_t	 line;
	int	 level;
	char	*title;		/* as written */
	char	*slug;		/* GitHub anchor, unique in the document */
	long	 up;		/* the enclosing heading, or -1 */
};

enum bullet_kind {
	BULLET_PLAIN,		/* - text */
	BULLET_LABEL,		/* - **Label**: text, party markers too */
	BULLET_NESTED		/* has sub-bullets: - **X Responsibility**: "..." */
};

struct bullet {
	size_t		 line;
	size_t		 indent;
	long		 heading;	/* the innermost heading, or -1 */
	long		 up;		/* the enclosing bullet, or -1 */
	bool		 nested;	/* has sub-bullets */
	bool		 ordered;	/* "1. x" rather than "- x" */
	char		*raw;		/* after the list marker, as written */
	enum bullet_kind kind;
	char		*label;		/* "" for plain bullets */
	char		*text;
};

struct para {
	size_t	 line;
	long	 heading;
	bool	 examples;	/* an "Examples: a, b, c" line */
	char	*text;
};

struct seed {
	char		*name;		/* for messages */
	struct heading	*h;
	size_t		 nh, caph;
	struct bullet	*b;
	size_t		 nb, capb;
	struct para	*p;
	size_t		 np, capp;
};

/* Failures found by a check: their seed lines, printed unless quiet. */
struct fails {
	size_t	*line;
	size_t	 n, cap;
	bool	 quiet;
};

static const struct {
	const char		*phrase;
	enum model_party	 party;
} heading_party[] = {
	{ "AWS Responsibilities", MODEL_PROVIDER },
	{ "Customer Responsibilities", MODEL_CUSTOMER },
	{ "Best Practices for Customers", MODEL_CUSTOMER },
	{ "AWS Tools", MODEL_PROVIDER },
	{ "Customer Tools", MODEL_CUSTOMER },
};

/* ------------------------------------------------------------ strings */

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Drop every "**", then the blanks and one pair of quotes around. */
static char *
clean(const char *s)
{
	char *t = xstrdup(s), *r, *q;
	size_t n;

	while ((q = strstr(t, "**")) != NULL)
		memmove(q, q + 2, strlen(q + 2) + 1);
	r = trim_dup(t, strlen(t));
	free(t);
	n = strlen(r);
	if (n >= 2 && r[0] == '"' && r[n - 1] == '"')
		t = trim_dup(r + 1, n - 2);
	else if (n >= 6 && strncmp(r, "\xe2\x80\x9c", 3) == 0 &&
	    strcmp(r + n - 3, "\xe2\x80\x9d") == 0)
		t = trim_dup(r + 3, n - 6);
	else
		return r;
	free(r);
	return t;
}

/* A heading as the data names it: no emphasis, no quotes, no final ':'. */
static char *
heading_name(const char *title)
{
	char *t = clean(title), *q, *r;
	size_t n;

	while ((q = strchr(t, '"')) != NULL)
		memmove(q, q + 1, strlen(q + 1) + 1);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ':' || is_space(t[n - 1])))
		n--;
	r = trim_dup(t, n);
	free(t);
	return r;
}

/* s begins with word (case-insensitive), followed by a blank or the end. */
static bool
starts_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	return n > 0 && text_has_prefix_fold(s, word) &&
	    (s[n] == '\0' || s[n] == ' ');
}

static bool
contains_fold(const char *s, const char *needle)
{
	size_t len;

	return text_find_fold(s, 0, needle, &len) >= 0;
}

/* ------------------------------------------------------------- slugs */

/*
 * GitHub's anchor: lower case, keep letters, digits, blanks, '-' and '_'
 * (bytes beyond ASCII are kept, as letters of other scripts are), then
 * every blank becomes '-'.
 */
static char *
slugify(const char *title)
{
	const unsigned char *c;
	char *s, *o;

	s = o = xmalloc(strlen(title) + 1);
	for (c = (const unsigned char *)title; *c != '\0'; c++) {
		if (*c >= 'A' && *c <= 'Z')
			*o++ = (char)(*c - 'A' + 'a');
		else if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '_' || *c >= 0x80)
			*o++ = (char)*c;
		else if (*c == ' ')
			*o++ = '-';
	}
	*o = '\0';
	return s;
}

struct occurrences {
	char	**slug;
	size_t	 *count;
	size_t	  n, cap, capc;
};

static long
occ_find(const struct occurrences *o, const char *slug)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->slug[i], slug) == 0)
			return (long)i;
	return -1;
}

/* As github-slugger does it: "x", then "x-1", "x-2", ... */
static char *
unique_slug(struct occurrences *o, const char *title)
{
	char *base = slugify(title), *r = xstrdup(base);
	long k;

	while (occ_find(o, r) >= 0) {
		k = occ_find(o, base);
		o->count[k]++;
		free(r);
		r = xasprintf("%s-%zu", base, o->count[k]);
	}
	free(base);
	o->slug = xgrow(o->slug, &o->cap, o->n + 1, sizeof *o->slug);
	o->count = xgrow(o->count, &o->capc, o->n + 1, sizeof *o->count);
	o->slug[o->n] = xstrdup(r);
	o->count[o->n++] = 0;
	return r;
}

static void
occ_free(struct occurrences *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->slug[i]);
	free(o->slug);
	free(o->count);
}

/* ----------------------------------------------------------- parsing */

/* "# Title" .. "###### Title": the level, or 0. */
static int
heading_level(const char *l, const char **title)
{
	int n = 0, sp = 0;

	while (l[sp] == ' ' && sp < 3)
		sp++;
	while (l[sp + n] == '#')
		n++;
	if (n < 1 || n > 6 || (l[sp + n] != ' ' && l[sp + n] != '\0'))
		return 0;
	*title = l + sp + n;
	return n;
}

/* "- x", "* x", "+ x", "1. x" or "1) x", possibly indented. */
static bool
list_item(const char *l, size_t *indent, const char **body, bool *ordered)
{
	size_t i = 0, d = 0;

	while (l[i] == ' ' || l[i] == '\t')
		i++;
	*indent = i;
	*ordered = false;
	if ((l[i] == '-' || l[i] == '*' || l[i] == '+') && l[i + 1] == ' ') {
		*body = l + i + 2;
		return true;
	}
	while (l[i + d] >= '0' && l[i + d] <= '9')
		d++;
	if (d > 0 && d < 10 && (l[i + d] == '.' || l[i + d] == ')') &&
	    l[i + d + 1] == ' ') {
		*body = l + i + d + 2;
		*ordered = true;
		return true;
	}
	return false;
}

static bool
examples_line(const char *t)
{
	return text_has_prefix_fold(t, "Examples:") ||
	    text_has_prefix_fold(t, "Example:");
}

static void
append(char **s, const char *more)
{
	char *t = xasprintf("%s %s", *s, more);

	free(*s);
	*s = t;
}

/* "**Label**: text" or "**Label:** text", else plain text. */
static void
split_bullet(struct bullet *b)
{
	const char *r = b->raw, *end, *rest;
	char *label;
	size_t n;
	bool colon = false;

	if (strncmp(r, "**", 2) == 0 && (end = strstr(r + 2, "**")) != NULL &&
	    end > r + 2) {
		label = trim_dup(r + 2, (size_t)(end - (r + 2)));
		rest = end + 2;
		n = strlen(label);
		if (n > 0 && label[n - 1] == ':') {
			label[n - 1] = '\0';
			colon = true;
		} else if (*rest == ':') {
			rest++;
			colon = true;
		}
		if (colon) {
			b->label = clean(label);
			b->text = clean(rest);
			free(label);
			b->kind = b->nested ? BULLET_NESTED : BULLET_LABEL;
			return;
		}
		free(label);
	}
	b->label = xstrdup("");
	b->text = clean(r);
	b->kind = b->nested ? BULLET_NESTED : BULLET_PLAIN;
}

static void
seed_parse(struct seed *s, const char *name, const char *buf)
{
	enum { PREV_BLANK, PREV_BULLET, PREV_PARA, PREV_EXAMPLES } prev;
	struct occurrences occ = { 0 };
	long hstack[7], bstack[32], cur = -1;
	size_t bindent[32], nbs = 0, lineno = 0, len, indent, i;
	const char *p = buf, *e, *title, *body;
	struct heading *h;
	struct bullet *b;
	struct para *pa;
	char *line, *t;
	int level, k;
	bool ordered;

	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	for (k = 0; k < 7; k++)
		hstack[k] = -1;
	prev = PREV_BLANK;
	while (*p != '\0') {
		e = strchr(p, '\n');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		line = xstrndup(p, len);
		p = e != NULL ? e + 1 : p + len;
		lineno++;
		t = trim_dup(line, strlen(line));
		if (*t == '\0') {
			prev = PREV_BLANK;
		} else if ((level = heading_level(line, &title)) > 0) {
			s->h = xgrow(s->h, &s->caph, s->nh + 1, sizeof *s->h);
			h = &s->h[s->nh];
			h->line = lineno;
			h->level = level;
			h->title = trim_dup(title, strlen(title));
			len = strlen(h->title);	/* a closing run of '#' */
			while (len > 0 && h->title[len - 1] == '#')
				len--;
			if (len == 0 || h->title[len - 1] == ' ')
				h->title[len] = '\0';
			len = strlen(h->title);
			while (len > 0 && is_space(h->title[len - 1]))
				h->title[--len] = '\0';
			h->slug = unique_slug(&occ, h->title);
			h->up = -1;
			for (k = level - 1; k >= 1 && h->up < 0; k--)
				h->up = hstack[k];
			hstack[level] = cur = (long)s->nh++;
			for (k = level + 1; k < 7; k++)
				hstack[k] = -1;
			nbs = 0;
			prev = PREV_BLANK;
		} else if (list_item(line, &indent, &body, &ordered)) {
			while (nbs > 0 && bindent[nbs - 1] >= indent)
				nbs--;
			s->b = xgrow(s->b, &s->capb, s->nb + 1, sizeof *s->b);
			b = &s->b[s->nb];
			memset(b, 0, sizeof *b);
			b->line = lineno;
			b->indent = indent;
			b->ordered = ordered;
			b->heading = cur;
			b->up = nbs > 0 ? bstack[nbs - 1] : -1;
			if (b->up >= 0)
				s->b[b->up].nested = true;
			b->raw = trim_dup(body, strlen(body));
			if (nbs < sizeof bstack / sizeof bstack[0]) {
				bstack[nbs] = (long)s->nb;
				bindent[nbs++] = indent;
			}
			s->nb++;
			prev = PREV_BULLET;
		} else if (prev == PREV_BULLET) {
			/* A lazy continuation line of the item above. */
			append(&s->b[s->nb - 1].raw, t);
		} else if (prev == PREV_PARA && !examples_line(t)) {
			append(&s->p[s->np - 1].text, t);
		} else {
			s->p = xgrow(s->p, &s->capp, s->np + 1, sizeof *s->p);
			pa = &s->p[s->np++];
			pa->line = lineno;
			pa->heading = cur;
			pa->examples = examples_line(t);
			pa->text = xstrdup(t);
			nbs = 0;
			prev = pa->examples ? PREV_EXAMPLES : PREV_PARA;
		}
		free(t);
		free(line);
	}
	for (i = 0; i < s->nb; i++)
		split_bullet(&s->b[i]);
	occ_free(&occ);
}

static void
seed_free(struct seed *s)
{
	size_t i;

	for (i = 0; i < s->nh; i++) {
		free(s->h[i].title);
		free(s->h[i].slug);
	}
	for (i = 0; i < s->nb; i++) {
		free(s->b[i].raw);
		free(s->b[i].label);
		free(s->b[i].text);
	}
	for (i = 0; i < s->np; i++)
		free(s->p[i].text);
	free(s->h);
	free(s->b);
	free(s->p);
	free(s->name);
	free(s);
}

static char *
slurp(const char *path)
{
	size_t len = 0, cap = 0, r;
	char *buf = NULL;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	do {
		buf = xgrow(buf, &cap, len + 4096, 1);
		r = fread(buf + len, 1, cap - len - 1, fp);
		len += r;
	} while (r > 0);
	fclose(fp);
	buf[len] = '\0';
	return buf;
}

/* ---------------------------------------------------------- matching */

static void report(struct fails *, const struct seed *, size_t,
    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
report(struct fails *f, const struct seed *s, size_t line, const char *fmt,
    ...)
{
	char msg[1024];
	va_list ap;

	f->line = xgrow(f->line, &f->cap, f->n + 1, sizeof *f->line);
	f->line[f->n++] = line;
	if (f->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	print_message("# %s:%zu: %s\n", s->name, line, msg);
}

static bool
failed(const struct fails *f, size_t line)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->line[i] == line)
			return true;
	return false;
}

/* The source cites the section whose anchor is slug. */
static bool
cites(const struct model_source *src, const char *slug)
{
	const char *a;

	if (src == NULL || slug == NULL)
		return false;
	a = strrchr(src->location, '#');
	return a != NULL && strcmp(a + 1, slug) == 0;
}

static bool
cited(const struct model *m, const char *slug)
{
	size_t i;

	for (i = 0; i < m->nsources; i++)
		if (cites(m->sources[i], slug))
			return true;
	return false;
}

/* The anchor of the innermost cited section around heading h, or NULL. */
static const char *
section(const struct model *m, const struct seed *s, long h)
{
	for (; h >= 0; h = s->h[h].up)
		if (cited(m, s->h[h].slug))
			return s->h[h].slug;
	return NULL;
}

/* "**AWS**", "**Customer**" and "**Both**" name a party, not a term. */
static bool
marker_party(const struct model *m, const char *label, enum model_party *p)
{
	if (strcmp(label, m->meta.provider) == 0)
		*p = MODEL_PROVIDER;
	else if (strcmp(label, m->meta.customer) == 0)
		*p = MODEL_CUSTOMER;
	else if (strcmp(label, "Both") == 0)
		*p = MODEL_SHARED;
	else
		return false;
	return true;
}

/* "**AWS Responsibility**": the party, and the heading it must quote. */
static bool
nested_party(const struct model *m, const char *label, enum model_party *p,
    const char **heading)
{
	if (starts_word(label, m->meta.provider)) {
		*p = MODEL_PROVIDER;
		*heading = m->meta.provider_heading;
	} else if (starts_word(label, m->meta.customer)) {
		*p = MODEL_CUSTOMER;
		*heading = m->meta.customer_heading;
	} else
		return false;
	return true;
}

/* The party the seed gives a bullet, or MODEL_UNSTATED. */
static enum model_party
expected_party(const struct model *m, const struct seed *s,
    const struct bullet *b)
{
	enum model_party p;
	const char *heading;
	long u, h;
	size_t i;

	if (b->kind == BULLET_NESTED)
		return MODEL_UNSTATED;
	for (u = b->up; u >= 0; u = s->b[u].up)
		if (s->b[u].kind == BULLET_NESTED) {
			if (nested_party(m, s->b[u].label, &p, &heading))
				return p;
			break;
		}
	if (b->kind == BULLET_LABEL && marker_party(m, b->label, &p))
		return p;
	for (h = b->heading; h >= 0; h = s->h[h].up)
		for (i = 0; i < sizeof heading_party / sizeof heading_party[0];
		    i++)
			if (contains_fold(s->h[h].title, heading_party[i].phrase))
				return heading_party[i].party;
	return MODEL_UNSTATED;
}

/* Items citing section slug, of party p (any when MODEL_UNSTATED). */
static size_t
section_items(const struct model *m, const char *slug, enum model_party p,
    const struct model_item **out)
{
	size_t i, n = 0;

	for (i = 0; i < m->nitems; i++)
		if (cites(m->items[i]->source, slug) &&
		    (p == MODEL_UNSTATED || m->items[i]->party == p))
			out[n++] = m->items[i];
	return n;
}

/* How many items from list[i] on, joined with ", ", make text; or 0. */
static size_t
run_at(const char *text, const struct model_item **list, size_t n, size_t i)
{
	const char *t = text;
	size_t j, len;

	for (j = i; j < n; j++) {
		len = strlen(list[j]->text);
		if (len == 0 || strncmp(t, list[j]->text, len) != 0)
			return 0;
		t += len;
		if (*t == '\0')
			return j - i + 1;
		if (strncmp(t, ", ", 2) != 0)
			return 0;
		t += 2;
	}
	return 0;
}

/*
 * Find the items stating bullet b: fills found (room for m->nitems) and
 * *nfound, or says why not. A nested bullet states no item of its own.
 */
static bool
match_bullet(const struct model *m, const struct seed *s,
    const struct bullet *b, const struct model_item **found, size_t *nfound,
    const char **why)
{
	const struct model_item *best = NULL, *it;
	const char *slug, *heading;
	enum model_party p, want;
	size_t i, n, k;
	int pass;

	*nfound = 0;
	if ((slug = section(m, s, b->heading)) == NULL) {
		*why = "no source cites this section or any around it";
		return false;
	}
	if (b->kind == BULLET_NESTED) {
		if (!nested_party(m, b->label, &p, &heading)) {
			*why = "a bullet with sub-bullets must name a party";
			return false;
		}
		if (text_casecmp(b->text, heading) != 0) {
			*why = "not the data set's heading for that party";
			return false;
		}
		return true;
	}
	if (b->kind == BULLET_LABEL && marker_party(m, b->label, &p)) {
		/* The party's items in file order, then (for the party test
		 * to judge) those of any party. */
		for (pass = 0; pass < 2; pass++) {
			n = section_items(m, slug, pass == 0 ? p :
			    MODEL_UNSTATED, found);
			for (i = 0; i < n; i++)
				if ((k = run_at(b->text, found, n, i)) > 0) {
					memmove(found, found + i,
					    k * sizeof *found);
					*nfound = k;
					return true;
				}
		}
		*why = "no item, nor run of items joined with \", \", of the "
		    "section has this text";
		return false;
	}
	want = expected_party(m, s, b);
	for (i = 0; i < m->nitems; i++) {
		it = m->items[i];
		if (!cites(it->source, slug) || strcmp(it->text, b->text) != 0)
			continue;
		if (b->kind == BULLET_LABEL && strcmp(it->label, b->label) != 0)
			continue;
		if (best == NULL || (best->party != want && it->party == want))
			best = it;
	}
	if (best == NULL) {
		*why = b->kind == BULLET_LABEL ?
		    "no item of the section has this label and text" :
		    "no item of the section has this text";
		return false;
	}
	found[0] = best;
	*nfound = 1;
	return true;
}

/* ------------------------------------------------------------ checks */

/* Every bullet is stated by the data; returns how many were checked. */
static size_t
check_bullets(const struct model *m, const struct seed *s, struct fails *f)
{
	const struct model_item **found;
	const char *why;
	size_t i, n;

	found = xcalloc(m->nitems + 1, sizeof *found);
	for (i = 0; i < s->nb; i++)
		if (!match_bullet(m, s, &s->b[i], found, &n, &why))
			report(f, s, s->b[i].line, "unmatched bullet \"%s\" "
			    "(section #%s): %s", s->b[i].raw,
			    section(m, s, s->b[i].heading) != NULL ?
			    section(m, s, s->b[i].heading) : "?", why);
	free(found);
	return s->nb;
}

/*
 * Every matched bullet whose party the seed states is the data's party
 * too. Unmatched bullets are check_bullets's to report. Returns how many
 * bullets had a party to check.
 */
static size_t
check_parties(const struct model *m, const struct seed *s, struct fails *f)
{
	const struct model_item **found;
	enum model_party want;
	const char *why;
	size_t i, j, n, checked = 0;

	found = xcalloc(m->nitems + 1, sizeof *found);
	for (i = 0; i < s->nb; i++) {
		want = expected_party(m, s, &s->b[i]);
		if (want == MODEL_UNSTATED)
			continue;
		checked++;
		if (!match_bullet(m, s, &s->b[i], found, &n, &why))
			continue;
		for (j = 0; j < n; j++)
			if (found[j]->party != want) {
				report(f, s, s->b[i].line, "\"%s\": item %s "
				    "is %s, the seed says %s", s->b[i].raw,
				    found[j]->id, model_party_key(found[j]->party),
				    model_party_key(want));
				break;
			}
	}
	free(found);
	return checked;
}

/* Topic c goes by name: id, alias or title prefix, case-insensitive. */
static bool
topic_named(const struct model_topic *c, const char *name)
{
	char *slug = slugify(name);
	size_t i, n = strlen(name);
	bool ok;

	ok = text_casecmp(c->id, name) == 0 ||
	    (text_has_prefix_fold(c->title, name) &&
	    (c->title[n] == '\0' || c->title[n] == ' '));
	for (i = 0; !ok && i < c->naliases; i++)
		ok = text_casecmp(c->aliases[i], name) == 0 ||
		    text_casecmp(c->aliases[i], slug) == 0;
	free(slug);
	return ok;
}

/*
 * Each name on an "Examples:" line is a child of a topic citing the
 * section. Returns how many names were checked.
 */
static size_t
check_examples(const struct model *m, const struct seed *s, struct fails *f)
{
	const struct model_topic *t;
	const char *slug, *list;
	char *names, *name, *next, *nm;
	size_t i, j, k, checked = 0;
	bool ok;

	for (i = 0; i < s->np; i++) {
		if (!s->p[i].examples)
			continue;
		slug = section(m, s, s->p[i].heading);
		list = strchr(s->p[i].text, ':');
		names = xstrdup(list != NULL ? list + 1 : "");
		for (name = names; name != NULL; name = next) {
			if ((next = strchr(name, ',')) != NULL)
				*next++ = '\0';
			nm = clean(name);
			k = strlen(nm);
			if (k > 0 && nm[k - 1] == '.')
				nm[k - 1] = '\0';
			if (*nm == '\0') {
				free(nm);
				continue;
			}
			checked++;
			ok = false;
			for (j = 0; !ok && j < m->ntopics; j++) {
				t = m->topics[j];
				if (!cites(t->source, slug))
					continue;
				for (k = 0; !ok && k < t->nchildren; k++)
					ok = topic_named(t->children[k], nm);
			}
			if (!ok)
				report(f, s, s->p[i].line, "example \"%s\" is "
				    "no child of a topic citing #%s", nm,
				    slug != NULL ? slug : "?");
			free(nm);
		}
		free(names);
	}
	return checked;
}

/*
 * Each paragraph of prose is the summary of a topic citing its section.
 * Returns how many were checked; *overview tells whether one sat under
 * the Overview heading.
 */
static size_t
check_prose(const struct model *m, const struct seed *s, struct fails *f,
    bool *overview)
{
	const char *slug;
	size_t i, j, checked = 0;
	bool ok;

	*overview = false;
	for (i = 0; i < s->np; i++) {
		if (s->p[i].examples)
			continue;
		checked++;
		if (s->p[i].heading >= 0 &&
		    text_casecmp(s->h[s->p[i].heading].title, "Overview") == 0)
			*overview = true;
		slug = section(m, s, s->p[i].heading);
		ok = false;
		for (j = 0; !ok && j < m->ntopics; j++)
			ok = cites(m->topics[j]->source, slug) &&
			    strcmp(m->topics[j]->summary, s->p[i].text) == 0;
		if (!ok)
			report(f, s, s->p[i].line, "paragraph \"%.60s...\" is "
			    "the summary of no topic citing #%s", s->p[i].text,
			    slug != NULL ? slug : "?");
	}
	return checked;
}

/* A data set's title or group names heading name (already normalised). */
static bool
same_name(const char *data, const char *name)
{
	char *d;
	bool same;

	if (*data == '\0')
		return false;
	d = heading_name(data);
	same = text_casecmp(d, name) == 0;
	free(d);
	return same;
}

/*
 * Each ### and #### heading, but the party column headings, is a topic
 * title or an item group, of a topic or item citing that very heading.
 * Returns how many were checked.
 */
static size_t
check_headings(const struct model *m, const struct seed *s, struct fails *f)
{
	const struct heading *h;
	size_t i, j, checked = 0;
	char *name;
	bool ok;

	for (i = 0; i < s->nh; i++) {
		h = &s->h[i];
		if (h->level != 3 && h->level != 4)
			continue;
		name = heading_name(h->title);
		if (text_casecmp(name, "AWS Responsibilities") == 0 ||
		    text_casecmp(name, "Customer Responsibilities") == 0) {
			free(name);
			continue;
		}
		checked++;
		ok = false;
		for (j = 0; !ok && j < m->ntopics; j++)
			ok = cites(m->topics[j]->source, h->slug) &&
			    same_name(m->topics[j]->title, name);
		for (j = 0; !ok && j < m->nitems; j++)
			ok = cites(m->items[j]->source, h->slug) &&
			    same_name(m->items[j]->group, name);
		if (!ok)
			report(f, s, h->line, "heading \"%s\" (#%s) is no "
			    "topic title or item group citing it", name,
			    h->slug);
		free(name);
	}
	return checked;
}

/* ------------------------------------------------------------- tests */

static int
seed_setup(void **state)
{
	const char *env = getenv("RESPMAP_SEED");
	char *path, *buf;
	struct seed *s;

	path = env != NULL && *env != '\0' ? xstrdup(env) :
	    test_srcpath(SEED_REL);
	if ((buf = slurp(path)) == NULL) {
		print_message("# cannot read the seed %s\n", path);
		free(path);
		return -1;
	}
	s = xmalloc(sizeof *s);
	seed_parse(s, path, buf);
	free(buf);
	free(path);
	*state = s;
	return 0;
}

static int
seed_teardown(void **state)
{
	if (*state != NULL)
		seed_free(*state);
	return 0;
}

static void
test_parser_found_everything(void **state)
{
	const struct model *m = test_builtin_model();
	const struct seed *s = *state;
	struct fails f = { .quiet = true };
	size_t i, nested = 0, labelled = 0, numbered = 0;
	bool overview;

	print_message("# %zu headings, %zu bullets, %zu paragraphs\n",
	    s->nh, s->nb, s->np);
	assert_true(s->nb >= MIN_BULLETS);
	for (i = 0; i < s->nb; i++) {
		nested += s->b[i].up >= 0;
		labelled += s->b[i].kind == BULLET_LABEL;
		numbered += s->b[i].ordered;
	}
	assert_true(nested >= 6);	/* under the Core Concept */
	assert_true(labelled >= 99);
	assert_true(numbered >= 24);	/* best practices, takeaways */
	assert_true(check_parties(m, s, &f) >= MIN_PARTY);
	assert_true(check_headings(m, s, &f) >= MIN_HEADINGS);
	assert_true(check_examples(m, s, &f) >= MIN_EXAMPLES);
	assert_true(check_prose(m, s, &f, &overview) >= MIN_PROSE);
	free(f.line);
}

static void
test_slugs(void **state)
{
	static const char doc[] =
	    "# A\n"
	    "### \"Security OF the Cloud\" vs \"Security IN the Cloud\"\n"
	    "#### ECS/EKS (Containers)\n"
	    "### Data Protection\n"
	    "### Data Protection\n"
	    "### Data Protection-1\n"
	    "#### AWS Responsibilities:\n"
	    "## Closed ##\n";
	struct seed *s = xmalloc(sizeof *s);

	(void)state;
	seed_parse(s, "slugs", doc);
	assert_int_equal(s->nh, 8);
	assert_string_equal(s->h[1].slug,
	    "security-of-the-cloud-vs-security-in-the-cloud");
	assert_string_equal(s->h[2].slug, "ecseks-containers");
	assert_string_equal(s->h[3].slug, "data-protection");
	assert_string_equal(s->h[4].slug, "data-protection-1");
	assert_string_equal(s->h[5].slug, "data-protection-1-1");
	assert_string_equal(s->h[6].slug, "aws-responsibilities");
	assert_string_equal(s->h[7].title, "Closed");
	assert_int_equal(s->h[2].up, 1);
	assert_int_equal(s->h[3].up, 0);
	seed_free(s);
}

static void
test_every_bullet_matched(void **state)
{
	const struct seed *s = *state;
	struct fails f = { 0 };
	size_t n;

	n = check_bullets(test_builtin_model(), s, &f);
	print_message("# %zu bullets checked, %zu unmatched\n", n, f.n);
	free(f.line);
	assert_true(n >= MIN_BULLETS);
	assert_int_equal(f.n, 0);
}

static void
test_party_attribution(void **state)
{
	const struct seed *s = *state;
	struct fails f = { 0 };
	size_t n;

	n = check_parties(test_builtin_model(), s, &f);
	print_message("# %zu bullets with a stated party, %zu wrong\n", n,
	    f.n);
	free(f.line);
	assert_true(n >= MIN_PARTY);
	assert_int_equal(f.n, 0);
}

static void
test_examples_are_children(void **state)
{
	const struct seed *s = *state;
	struct fails f = { 0 };
	size_t n;

	n = check_examples(test_builtin_model(), s, &f);
	print_message("# %zu examples checked, %zu missing\n", n, f.n);
	free(f.line);
	assert_true(n >= MIN_EXAMPLES);
	assert_int_equal(f.n, 0);
}

static void
test_overview_summary(void **state)
{
	const struct seed *s = *state;
	struct fails f = { 0 };
	bool overview;
	size_t n;

	n = check_prose(test_builtin_model(), s, &f, &overview);
	free(f.line);
	assert_true(n >= MIN_PROSE);
	assert_true(overview);
	assert_int_equal(f.n, 0);
}

static void
test_headings_reachable(void **state)
{
	const struct seed *s = *state;
	struct fails f = { 0 };
	size_t n;

	n = check_headings(test_builtin_model(), s, &f);
	print_message("# %zu headings checked, %zu unreachable\n", n, f.n);
	free(f.line);
	assert_true(n >= MIN_HEADINGS);
	assert_int_equal(f.n, 0);
}

/* The checks do fail, on the lines they should and on no others. */
static void
test_matcher_reports_missing(void **state)
{
	static const char doc[] =
	    "# AWS Shared Responsibility Model\n"			/*  1 */
	    "\n"
	    "## Overview\n"						/*  3 */
	    "\n"
	    "The Moon is made of cheese.\n"				/*  5 */
	    "\n"
	    "## AWS Responsibilities (Security OF the Cloud)\n"	/*  7 */
	    "\n"
	    "### Physical and Environmental Security\n"		/*  9 */
	    "- **Data Centers**: Physical access control and security\n"
	    "- **Data Centers**: Moon bases\n"				/* 11 */
	    "- Lunar regolith\n"					/* 12 */
	    "- **Hardware**: Server hardware and networking equipment\n"
	    "\n"
	    "### Moon Security\n"					/* 15 */
	    "- **Hardware**: Server hardware and networking equipment\n"
	    "\n"
	    "## Service-Specific Responsibilities\n"			/* 18 */
	    "\n"
	    "### Container Services\n"					/* 20 */
	    "Examples: ECS, Fargate, Moonraker\n"			/* 21 */
	    "\n"
	    "#### AWS Responsibilities:\n"				/* 23 */
	    "- Container hosting environment\n"			/* 24 */
	    "- Application code security\n"				/* 25 */
	    "\n"
	    "## Security Controls by Service Type\n"			/* 27 */
	    "\n"
	    "### Compute Services\n"					/* 29 */
	    "\n"
	    "#### EC2 (Virtual Machines)\n"				/* 31 */
	    "- **AWS**: Physical hosts, hypervisor, moon dust\n"	/* 32 */
	    "- **AWS**: Physical hosts, hypervisor, network isolation\n"
	    "- **Customer**: Physical hosts\n"				/* 34 */
	    "- **Customer**: Guest OS, applications\n"			/* 35 */
	    "\n"
	    "## Core Concept\n"					/* 37 */
	    "### \"Security OF the Cloud\" vs \"Security IN the Cloud\"\n"
	    "- **AWS Responsibility**: \"Security ON the Moon\"\n"	/* 39 */
	    "  - Physical infrastructure\n"				/* 40 */
	    "- **Customer Responsibility**: \"Security IN the Cloud\"\n"
	    "  - Physical infrastructure\n";				/* 42 */
	const struct model *m = test_builtin_model();
	struct seed *s = xmalloc(sizeof *s);
	struct fails fb = { .quiet = true }, fp = { .quiet = true };
	struct fails fe = { .quiet = true }, fo = { .quiet = true };
	struct fails fh = { .quiet = true };
	bool overview;

	(void)state;
	seed_parse(s, "snippet", doc);
	assert_int_equal(s->nb, 15);

	check_bullets(m, s, &fb);
	assert_false(failed(&fb, 10));
	assert_true(failed(&fb, 11));		/* Moon bases */
	assert_true(failed(&fb, 12));		/* Lunar regolith */
	assert_false(failed(&fb, 13));
	assert_true(failed(&fb, 16));		/* cited from another section */
	assert_false(failed(&fb, 24));
	assert_false(failed(&fb, 25));
	assert_true(failed(&fb, 32));		/* moon dust */
	assert_false(failed(&fb, 33));
	assert_false(failed(&fb, 34));		/* found; party is wrong */
	assert_false(failed(&fb, 35));
	assert_true(failed(&fb, 39));		/* not the provider heading */
	assert_false(failed(&fb, 40));
	assert_false(failed(&fb, 41));
	assert_false(failed(&fb, 42));
	assert_int_equal(fb.n, 5);

	check_parties(m, s, &fp);
	assert_true(failed(&fp, 25));		/* a customer item */
	assert_true(failed(&fp, 34));		/* a provider item */
	assert_false(failed(&fp, 35));
	assert_false(failed(&fp, 24));
	assert_false(failed(&fp, 40));
	assert_true(failed(&fp, 42));		/* provider's, under Customer */
	assert_int_equal(fp.n, 3);

	check_examples(m, s, &fe);
	assert_int_equal(fe.n, 1);		/* Moonraker */
	assert_true(failed(&fe, 21));

	assert_int_equal(check_prose(m, s, &fo, &overview), 1);
	assert_true(overview);
	assert_true(failed(&fo, 5));

	check_headings(m, s, &fh);
	assert_true(failed(&fh, 15));		/* Moon Security */
	assert_false(failed(&fh, 9));
	assert_false(failed(&fh, 31));
	assert_false(failed(&fh, 38));
	assert_int_equal(fh.n, 1);

	free(fb.line);
	free(fp.line);
	free(fe.line);
	free(fo.line);
	free(fh.line);
	seed_free(s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_slugs),
	cmocka_unit_test_setup_teardown(test_parser_found_everything,
	    seed_setup, seed_teardown),
	cmocka_unit_test_setup_teardown(test_every_bullet_matched,
	    seed_setup, seed_teardown),
	cmocka_unit_test_setup_teardown(test_party_attribution,
	    seed_setup, seed_teardown),
	cmocka_unit_test_setup_teardown(test_examples_are_children,
	    seed_setup, seed_teardown),
	cmocka_unit_test_setup_teardown(test_overview_summary,
	    seed_setup, seed_teardown),
	cmocka_unit_test_setup_teardown(test_headings_reachable,
	    seed_setup, seed_teardown),
	cmocka_unit_test(test_matcher_reports_missing),
};

TEST_MAIN(tests)

/*
 * UTF-8 text for the terminal, done without the C library's locale
 * machinery so that width, sanitising and case folding give the same
 * answers in every locale and under test. The width tables are copied
 * from glibc's wcwidth (src/width.h, generated), so that our layout and
 * the terminal's agree.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

struct range {
	uint32_t	lo;
	uint32_t	hi;
};

/*
 * The tables zero_width and wide, generated from glibc's wcwidth in
 * C.UTF-8 (see build-aux/gen-width.c): the width that matters is the
 * terminal's, and a terminal follows the same Unicode data. Where they
 * part on purpose, see text_cp_width.
 */
#include "width.h"

struct translit {
	uint32_t	 lo;
	uint32_t	 hi;
	const char	*to;
};

/* ASCII stand-ins for the punctuation that turns up in prose. */
static const struct translit translits[] = {
	{ 0x00A0, 0x00A0, " " },	/* no-break space */
	{ 0x00A9, 0x00A9, "(c)" },
	{ 0x00AB, 0x00AB, "\"" },
	{ 0x00AD, 0x00AD, "-" },	/* soft hyphen */
	{ 0x00AE, 0x00AE, "(R)" },
	{ 0x00B7, 0x00B7, "*" },	/* middle dot */
	{ 0x00BB, 0x00BB, "\"" },
	{ 0x00D7, 0x00D7, "x" },
	{ 0x2000, 0x200A, " " },	/* en quad to hair space */
	{ 0x2010, 0x2013, "-" },	/* hyphens, figure and en dash */
	{ 0x2014, 0x2015, "--" },	/* em dash, horizontal bar */
	{ 0x2018, 0x201B, "'" },
	{ 0x201C, 0x201F, "\"" },
	{ 0x2022, 0x2023, "*" },	/* bullets */
	{ 0x2026, 0x2026, "..." },
	{ 0x202F, 0x202F, " " },	/* narrow no-break space */
	{ 0x2032, 0x2032, "'" },	/* prime */
	{ 0x2033, 0x2033, "\"" },
	{ 0x2039, 0x2039, "<" },	/* single angle quotes, as in paths */
	{ 0x203A, 0x203A, ">" },
	{ 0x2043, 0x2043, "*" },	/* hyphen bullet */
	{ 0x205F, 0x205F, " " },
	{ 0x2122, 0x2122, "(TM)" },
	{ 0x2190, 0x2190, "<-" },
	{ 0x2192, 0x2192, "->" },
	{ 0x2194, 0x2194, "<->" },
	{ 0x21D0, 0x21D0, "<=" },
	{ 0x21D2, 0x21D2, "=>" },
	{ 0x21D4, 0x21D4, "<=>" },
	{ 0x2212, 0x2212, "-" },	/* minus sign */
	{ 0x2260, 0x2260, "!=" },
	{ 0x2264, 0x2264, "<=" },
	{ 0x2265, 0x2265, ">=" },
	{ 0x3000, 0x3000, " " },	/* ideographic space */
};

static bool
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return true;
	}
	return false;
}

static const char *
find_translit(uint32_t cp)
{
	size_t	lo = 0, hi = nitems(translits), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > translits[mid].hi)
			lo = mid + 1;
		else if (cp < translits[mid].lo)
			hi = mid;
		else
			return translits[mid].to;
	}
	return NULL;
}

bool
text_decode_valid(const char *s, size_t n, uint32_t *cp, size_t *len)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 need, i;

	*cp = TEXT_REPLACEMENT;
	*len = n > 0 ? 1 : 0;
	if (n == 0)
		return false;
	if (u[0] < 0x80) {
		*cp = u[0];
		return true;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 2;
		c = u[0] & 0x1F;
		min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 3;
		c = u[0] & 0x0F;
		min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else
		return false;	/* continuation byte, C0, C1 or F5 to FF */
	if (n < need)
		return false;
	for (i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return false;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return false;
	*cp = c;
	*len = need;
	return true;
}

size_t
text_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t	len;

	text_decode_valid(s, n, cp, &len);
	return len;
}

/* A surrogate or out-of-range value is written as U+FFFD so that the output
 * is always valid UTF-8. */
size_t
text_encode(uint32_t cp, char *buf)
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Beyond the list in text.h, U+061C (Arabic letter mark) is a bidi mark
 * too, and surrogates and values past U+10FFFF are no characters at all. */
bool
text_is_control(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	if (cp < 0x061C)
		return false;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0xFEFF)
		return true;
	if (cp >= 0x2028 && cp <= 0x202E)
		return true;
	if (cp >= 0x2066 && cp <= 0x2069)
		return true;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return true;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return true;
	if ((cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF)
		return true;
	return false;
}

/*
 * As glibc's wcwidth in C.UTF-8, except where it says -1 (no printable
 * character), as a width must be a number of cells:
 * - controls (text_is_control: also the bidi controls and noncharacters)
 *   are 0, as the sanitiser drops them: the width of raw and sanitised
 *   text stays in step;
 * - unassigned code points are 1, as a terminal draws a replacement in
 *   one cell, or 2 in the blocks Unicode reserves for CJK ideographs
 *   (see build-aux/gen-width.c).
 */
int
text_cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (text_is_control(cp))
		return 0;
	if (in_table(cp, zero_width, nitems(zero_width)))
		return 0;
	if (in_table(cp, wide, nitems(wide)))
		return 2;
	return 1;
}

size_t
text_width_n(const char *s, size_t n)
{
	size_t		i = 0, w = 0;
	uint32_t	cp;

	while (i < n) {
		i += text_decode(s + i, n - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

size_t
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

/* Printable and zero width: it belongs to the character before it. */
static bool
is_mark(uint32_t cp)
{
	return !text_is_control(cp) && text_cp_width(cp) == 0;
}

/* Bytes of the character at s together with the marks that follow it, so
 * that no break or cut separates them; *w receives its width. */
static size_t
cluster(const char *s, size_t n, size_t *w)
{
	uint32_t	cp;
	size_t		i, len;

	i = text_decode(s, n, &cp);
	*w = (size_t)text_cp_width(cp);
	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (!is_mark(cp))
			break;
		i += len;
	}
	return i;
}

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->len + n + 1, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/*
 * Length of the string part of OSC, DCS, SOS, PM and APC starting at s[i]:
 * a terminal would swallow it up to BEL or ST, so it goes as a whole. An
 * unterminated string ends at a newline or at the end of the text rather
 * than eating everything after it.
 */
static size_t
string_end(const char *s, size_t n, size_t i)
{
	unsigned char	c;

	while (i < n) {
		c = (unsigned char)s[i];
		if (c == 0x07 || c == 0x18 || c == 0x1A)
			return i + 1;
		if (c == 0x1B)
			return (i + 1 < n && s[i + 1] == '\\') ? i + 2 : i;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x9C)
			return i + 2;
		if (c == '\n')
			return i;
		i++;
	}
	return n;
}

/* End of the parameters, intermediates and final byte of a CSI sequence.
 * A malformed one ends where it goes wrong; the rest is plain text. */
static size_t
csi_end(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] >= 0x30 && s[i] <= 0x3F)
		i++;
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7E)
		i++;
	return i;
}

/* Bytes to drop for the escape sequence introduced at s[i] by ESC or by a
 * C1 control of len bytes: the whole sequence, not only the introducer,
 * so that no "[31m" or clipboard payload is left behind as litter. */
static size_t
escape_len(const char *s, size_t n, size_t i, uint32_t cp, size_t len)
{
	size_t	j = i + len;
	char	c;

	switch (cp) {
	case 0x9B:
		return csi_end(s, n, j) - i;
	case 0x90:
	case 0x98:
	case 0x9D:
	case 0x9E:
	case 0x9F:
		return string_end(s, n, j) - i;
	case 0x1B:
		break;
	default:
		return len;
	}
	if (j == n)
		return len;
	c = s[j];
	if (c == '[')
		return csi_end(s, n, j + 1) - i;
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return string_end(s, n, j + 1) - i;
	if (c >= 0x20 && c <= 0x2F) {
		while (j < n && s[j] >= 0x20 && s[j] <= 0x2F)
			j++;
		if (j < n && s[j] >= 0x30 && s[j] <= 0x7E)
			j++;
		return j - i;
	}
	if (c >= 0x30 && c <= 0x7E)
		return len + 1;
	return len;
}

/* ESC or a C1 control: what starts an escape sequence. */
static bool
introducer(uint32_t cp)
{
	return cp == 0x1B || (cp >= 0x80 && cp <= 0x9F);
}

/* The work of text_sanitize (ml and quoted clear), text_sanitize_ml (ml)
 * and text_sanitize_quoted (quoted): an introducer is either dropped with
 * its sequence or, quoted, written out as "<U+001B>". */
static char *
sanitize(const char *s, size_t n, bool ascii, bool ml, bool quoted)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*to;
	uint32_t	 cp;
	size_t		 i = 0, len;
	char		 shown[sizeof "<U+001B>"];

	buf_add(&b, "", 0);
	while (i < n) {
		if (!text_decode_valid(s + i, n - i, &cp, &len)) {
			if (ascii)
				buf_add(&b, "?", 1);
			else
				buf_add(&b, "\xEF\xBF\xBD", 3);
		} else if (cp == '\n' && ml)
			buf_add(&b, "\n", 1);
		else if (cp == '\t' || cp == '\n')
			buf_add(&b, " ", 1);
		else if (introducer(cp) && quoted)
			buf_add(&b, shown, (size_t)snprintf(shown,
			    sizeof shown, "<U+%04X>", (unsigned)cp));
		else if (introducer(cp))
			len = escape_len(s, n, i, cp, len);
		else if (text_is_control(cp))
			;
		else if (cp < 0x80 || !ascii)
			buf_add(&b, s + i, len);
		else if ((to = find_translit(cp)) != NULL)
			buf_add(&b, to, strlen(to));
		else if (text_cp_width(cp) == 0)
			;	/* a '?' for a mark would add a cell never seen */
		else
			buf_add(&b, "?", 1);
		i += len;
	}
	b.p[b.len] = '\0';
	return b.p;
}

char *
text_sanitize(const char *s, size_t n, bool ascii)
{
	return sanitize(s, n, ascii, false, false);
}

char *
text_sanitize_ml(const char *s, size_t n, bool ascii)
{
	return sanitize(s, n, ascii, true, false);
}

/*
 * Text quoted in a message is often no whole escape sequence: cut at
 * %.40s, or never terminated; an unterminated OSC or DCS would then be
 * dropped with the rest of the line: the reason, or, from a file name,
 * the position and the reason. Shown as "<U+001B>", nothing is lost, the
 * user sees what they typed or what is in the file, and no introducer is
 * left for a terminal to act on.
 */
char *
text_sanitize_quoted(const char *s, size_t n, bool ascii)
{
	return sanitize(s, n, ascii, false, true);
}

struct lines {
	struct text_line	*v;
	size_t			 n;
	size_t			 cap;
};

static void
add_line(struct lines *l, size_t off, size_t len, size_t width)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].off = off;
	l->v[l->n].len = len;
	l->v[l->n].width = width;
	l->n++;
}

/* A space a line may break at: not one that carries a combining mark. */
static bool
is_space(const char *s, size_t i, size_t e)
{
	uint32_t	cp;

	if (s[i] != ' ')
		return false;
	if (i + 1 == e)
		return true;
	text_decode(s + i + 1, e - i - 1, &cp);
	return !is_mark(cp);
}

/* Wrap bytes [p, e) of s, which hold no newline, greedily. */
static void
wrap_paragraph(const char *s, size_t p, size_t e, size_t width,
    struct lines *l)
{
	size_t	first = l->n, i, j, start, w, cw, len;
	size_t	brk_end = 0, brk_w = 0, brk_next = 0;
	bool	have_brk, indent, soft = false;

	/* Trailing spaces carry nothing and would only overflow. */
	while (e > p && s[e - 1] == ' ')
		e--;
	i = p;
	while (i < e) {
		while (soft && i < e && is_space(s, i, e))
			i++;
		if (i == e)
			break;
		soft = true;
		start = i;
		w = 0;
		have_brk = indent = false;
		for (;;) {
			if (i == e) {
				add_line(l, start, i - start, w);
				break;
			}
			if (is_space(s, i, e)) {
				for (j = i; j < e && is_space(s, j, e); j++)
					/* nothing */;
				if (i > start) {
					have_brk = true;
					brk_end = i;
					brk_w = w;
					brk_next = j;
				}
				if (w + (j - i) > width) {
					/* Break here, spaces and all; an
					 * indentation this wide just goes. */
					if (i > start)
						add_line(l, start, i - start, w);
					i = j;
					break;
				}
				w += j - i;
				indent = i == start;
				i = j;
				continue;
			}
			len = cluster(s + i, e - i, &cw);
			if (w + cw <= width) {
				w += cw;
				i += len;
				indent = false;
				continue;
			}
			if (have_brk) {
				add_line(l, start, brk_end - start, brk_w);
				i = brk_next;
			} else if (indent) {
				/* Indentation that leaves no room for the
				 * word after it would be a line of blanks. */
				start = i;
				w = 0;
				indent = false;
				continue;
			} else if (w == 0) {
				/* Wider than the whole line: alone. */
				add_line(l, start, i + len - start, cw);
				i += len;
			} else
				add_line(l, start, i - start, w);
			break;
		}
	}
	if (l->n == first)
		add_line(l, p, 0, 0);
}

size_t
text_wrap(const char *s, size_t width, struct text_line **lines)
{
	struct lines	 l = { NULL, 0, 0 };
	const char	*nl;
	size_t		 n = strlen(s), p = 0, e;

	if (width == 0)
		width = 1;
	for (;;) {
		nl = memchr(s + p, '\n', n - p);
		e = nl != NULL ? (size_t)(nl - s) : n;
		wrap_paragraph(s, p, e, width, &l);
		if (nl == NULL)
			break;
		p = e + 1;
	}
	*lines = l.v;
	return l.n;
}

size_t
text_fit(const char *s, size_t n, size_t width, size_t *used)
{
	size_t	i = 0, w = 0, cw, len;

	while (i < n) {
		len = cluster(s + i, n - i, &cw);
		if (w + cw > width)
			break;
		w += cw;
		i += len;
	}
	if (used != NULL)
		*used = w;
	return i;
}

static uint32_t
fold_greek(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3A1) || (cp >= 0x3A3 && cp <= 0x3AB))
		return cp + 0x20;
	if ((cp >= 0x370 && cp <= 0x373) || cp == 0x376 ||
	    (cp >= 0x3D8 && cp <= 0x3EF))
		return cp | 1;
	if (cp >= 0x388 && cp <= 0x38A)
		return cp + 0x25;
	if (cp == 0x38E || cp == 0x38F)
		return cp + 0x3F;
	if (cp >= 0x3FD)
		return cp - 0x82;
	switch (cp) {
	case 0x37F:
		return 0x3F3;
	case 0x386:
		return 0x3AC;
	case 0x38C:
		return 0x3CC;
	case 0x3C2:			/* final sigma */
		return 0x3C3;
	case 0x3CF:
		return 0x3D7;
	case 0x3D0:
		return 0x3B2;
	case 0x3D1:
	case 0x3F4:
		return 0x3B8;
	case 0x3D5:
		return 0x3C6;
	case 0x3D6:
		return 0x3C0;
	case 0x3F0:
		return 0x3BA;
	case 0x3F1:
		return 0x3C1;
	case 0x3F5:
		return 0x3B5;
	case 0x3F7:
	case 0x3FA:
		return cp + 1;
	case 0x3F9:
		return 0x3F2;
	}
	return cp;
}

static uint32_t
fold_cyrillic(uint32_t cp)
{
	if (cp <= 0x40F)
		return cp + 0x50;
	if (cp <= 0x42F)
		return cp + 0x20;
	if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
	    (cp >= 0x4D0 && cp <= 0x52F))
		return cp | 1;
	if (cp == 0x4C0)
		return 0x4CF;
	if (cp >= 0x4C1 && cp <= 0x4CE && (cp & 1))
		return cp + 1;
	return cp;
}

/* Simple (one to one) case folding, as in Unicode's CaseFolding.txt. */
uint32_t
text_fold(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
	if (cp < 0x100) {
		if (cp == 0xB5)		/* micro sign */
			return 0x3BC;
		if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
			return cp + 0x20;
		return cp;
	}
	if (cp < 0x180) {
		if (cp == 0x130)	/* dotted capital I */
			return 'i';
		if (cp == 0x178)
			return 0xFF;
		if (cp == 0x17F)	/* long s */
			return 's';
		if (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177))
			return cp | 1;
		if ((cp >= 0x139 && cp <= 0x148) ||
		    (cp >= 0x179 && cp <= 0x17E))
			return (cp & 1) ? cp + 1 : cp;
		return cp;
	}
	if (cp >= 0x370 && cp < 0x400)
		return fold_greek(cp);
	if (cp >= 0x400 && cp < 0x530)
		return fold_cyrillic(cp);
	return cp;
}

/* Whether needle matches at the start of h; *len receives the bytes of h
 * it covers, which may differ from the needle's. */
static bool
match_at(const char *h, size_t hn, const char *nd, size_t nn, size_t *len)
{
	size_t		hi = 0, ni = 0;
	uint32_t	hc, nc;

	while (ni < nn) {
		if (hi == hn)
			return false;
		hi += text_decode(h + hi, hn - hi, &hc);
		ni += text_decode(nd + ni, nn - ni, &nc);
		if (text_fold(hc) != text_fold(nc))
			return false;
	}
	*len = hi;
	return true;
}

ptrdiff_t
text_find_fold(const char *haystack, size_t start, const char *needle,
    size_t *match_len)
{
	size_t		hn = strlen(haystack), nn = strlen(needle), i, len;
	uint32_t	cp;

	if (match_len != NULL)
		*match_len = 0;
	if (start > hn)
		return -1;
	for (i = start;; i += text_decode(haystack + i, hn - i, &cp)) {
		if (match_at(haystack + i, hn - i, needle, nn, &len)) {
			if (match_len != NULL)
				*match_len = len;
			return (ptrdiff_t)i;
		}
		if (i == hn)
			break;
	}
	return -1;
}

int
text_casecmp(const char *a, const char *b)
{
	size_t		an = strlen(a), bn = strlen(b), i = 0, j = 0;
	uint32_t	ac, bc;

	while (i < an && j < bn) {
		i += text_decode(a + i, an - i, &ac);
		j += text_decode(b + j, bn - j, &bc);
		ac = text_fold(ac);
		bc = text_fold(bc);
		if (ac != bc)
			return ac < bc ? -1 : 1;
	}
	if (i < an)
		return 1;
	if (j < bn)
		return -1;
	return 0;
}

bool
text_has_prefix_fold(const char *s, const char *prefix)
{
	size_t	len;

	return match_at(s, strlen(s), prefix, strlen(prefix), &len);
}

/* The folded code points of s; *count receives how many. */
static uint32_t *
fold_string(const char *s, size_t *count)
{
	size_t		 n = strlen(s), i = 0, k = 0;
	uint32_t	*v, cp;

	v = xreallocarray(NULL, n + 1, sizeof *v);
	while (i < n) {
		i += text_decode(s + i, n - i, &cp);
		v[k++] = text_fold(cp);
	}
	*count = k;
	return v;
}

static size_t
min2(size_t a, size_t b)
{
	return a < b ? a : b;
}

size_t
text_distance(const char *a, const char *b, size_t limit)
{
	uint32_t	*va, *vb;
	size_t		*row, *prev2, *prev, *cur, *t;
	size_t		 la, lb, i, j, d, best, longest;

	va = fold_string(a, &la);
	vb = fold_string(b, &lb);
	row = NULL;

	/* No distance exceeds the longer length; clamping there also keeps
	 * limit + 1 from overflowing. */
	longest = la > lb ? la : lb;
	if (limit > longest)
		limit = longest;
	d = limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		goto out;

	row = xreallocarray(NULL, 3 * (lb + 1), sizeof *row);
	prev2 = row;
	prev = row + lb + 1;
	cur = row + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		best = i;
		for (j = 1; j <= lb; j++) {
			d = prev[j - 1] + (va[i - 1] != vb[j - 1]);
			d = min2(d, prev[j] + 1);
			d = min2(d, cur[j - 1] + 1);
			if (i > 1 && j > 1 && va[i - 1] == vb[j - 2] &&
			    va[i - 2] == vb[j - 1])
				d = min2(d, prev2[j - 2] + 1);
			cur[j] = d;
			best = min2(best, d);
		}
		/* A row's minimum never falls further down the table. */
		if (best > limit) {
			d = limit + 1;
			goto out;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb];
	if (d > limit)
		d = limit + 1;
out:
	free(row);
	free(va);
	free(vb);
	return d;
}

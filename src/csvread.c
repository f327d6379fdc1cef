/*
 * libcsv in strict mode does the parsing; this file adds what a data author
 * needs to fix a file: the line and column of every problem, text checks,
 * and recovery after a malformed row, so that one run reports them all.
 */
#include "config.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csvread.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

struct csvread {
	const char		*buf;
	size_t			 len;
	const struct csvread_limits *lim;
	struct diags		*d;
	csvread_row_fn		 fn;
	void			*ctx;

	struct csvread_row	 row;
	size_t			 cap_fields;
	char			*store;		/* the row's field bytes */
	size_t			 store_len, store_cap;
	size_t			*offs;		/* each field's offset in store */
	bool			 too_long_reported;
	/* The row's fields and lengths, kept from row to row: a file of a
	 * million rows then costs no allocation a row. */
	char			**fields;
	size_t			*lens;
	size_t			 cap_row;
	/* csvread_parse_keep: buf, writable, and where the next row's
	 * fields go in it (see there); NULL when fields are not kept. */
	char			*wbuf;
	size_t			 wpos;
	const char		**kept;

	size_t			 nrows;
	size_t			 nbroken;	/* rows dropped as malformed */
	bool			 stop;
	bool			 need_start;	/* the next line begins a row */
	size_t			 chunk_off;	/* the line being fed */
	size_t			 chunk_line;
	bool			 has_cr;	/* check_text saw a '\r' */
	size_t			 watch;		/* SIZE_MAX: every field */
};

/* Where byte offset `to` lies, counting from offset `from` on line `line`.
 * A row may begin mid-line (a lone carriage return ends a row for libcsv,
 * but no line), so columns are counted from the start of from's line.
 * Columns are counted as check_text counts them: a character is one, and
 * so is each byte that is not valid UTF-8, so that every message of a file
 * agrees on where things are. */
static void
locate(const char *buf, size_t len, size_t from, size_t line, size_t to,
    size_t *oline, size_t *ocol)
{
	size_t p = from, col = 1, n;
	uint32_t cp;

	while (p > 0 && buf[p - 1] != '\n')
		p--;
	if (p == 0 && from >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p = 3;	/* the byte-order mark takes no column */
	while (p < to) {
		if (buf[p] == '\n') {
			line++;
			col = 1;
			p++;
			continue;
		}
		if ((unsigned char)buf[p] < 0x80 ||
		    !text_decode_valid(buf + p, len - p, &cp, &n))
			n = 1;
		p += n;
		col++;
	}
	*oline = line;
	*ocol = col;
}

static bool
is_line_end(char c)
{
	return c == '\n' || c == '\r';
}

/* The raw offset where field k of the row starting at off begins. */
static size_t
field_offset(const char *buf, size_t len, size_t off, size_t k)
{
	size_t i = 0, p = off;

	for (;;) {
		size_t start = p;

		/* libcsv skips spaces and tabs before an opening quote. */
		while (p < len && (buf[p] == ' ' || buf[p] == '\t'))
			p++;
		if (p < len && buf[p] == '"') {
			p++;
			while (p < len) {
				if (buf[p] == '"') {
					if (p + 1 < len && buf[p + 1] == '"')
						p += 2;
					else {
						p++;
						break;
					}
				} else
					p++;
			}
		}
		while (p < len && buf[p] != ',' && !is_line_end(buf[p]))
			p++;
		if (i == k)
			return start;
		if (p >= len || buf[p] != ',')
			return p;
		p++;
		i++;
	}
}

void
csvread_locate(const char *buf, size_t len, size_t row_offset,
    size_t row_line, size_t k, size_t *line, size_t *col)
{
	locate(buf, len, row_offset, row_line,
	    field_offset(buf, len, row_offset, k), line, col);
}

void
csvread_field_pos(const struct csvread_row *row, size_t k, size_t *line,
    size_t *col)
{
	const struct csvread *r = row->reader;

	csvread_locate(r->buf, r->len, row->offset, row->line, k, line, col);
}

void
csvread_watch_field(struct csvread *r, size_t k)
{
	r->watch = k;
}

void
csvread_error(const struct csvread_row *row, size_t k, const char *fmt, ...)
{
	size_t line = 0, col = 0;
	va_list ap;

	/* A problem past the limit is only counted: no need to know where
	 * it is, which takes a scan of the row. */
	if (!diags_full(row->reader->d))
		csvread_field_pos(row, k, &line, &col);
	va_start(ap, fmt);
	diags_addv(row->reader->d, line, col, fmt, ap);
	va_end(ap);
}

static void
on_field(void *data, size_t len, void *vr)
{
	struct csvread *r = vr;
	struct csvread_row *row = &r->row;
	size_t k = row->nfields++;

	if (k >= r->lim->max_fields)
		return;
	if (len > r->lim->max_field) {
		const unsigned char *u = data;

		csvread_error(row, k,
		    _("field is too long (%zu bytes; the limit is %zu)"),
		    len, r->lim->max_field);
		/* Keep the start, cut at a character: an empty field would
		 * be reported again as missing, which it is not. */
		len = r->lim->max_field;
		while (len > 0 && (u[len] & 0xC0) == 0x80)
			len--;
	}
	/* Called for every field of a file: no call when there is room. */
	if (k + 1 > r->cap_fields)
		r->offs = xgrow(r->offs, &r->cap_fields, k + 1,
		    sizeof *r->offs);
	if (r->store_len + len + 1 > r->store_cap)
		r->store = xgrow(r->store, &r->store_cap,
		    r->store_len + len + 1, 1);
	if (len > 0)
		memcpy(r->store + r->store_len, data, len);
	r->offs[k] = r->store_len;
	r->store_len += len;
	r->store[r->store_len++] = '\0';
	row->nkept = k + 1;
	if (r->lim->field_read != NULL && (r->watch == SIZE_MAX ||
	    r->watch == k))
		r->lim->field_read(r->ctx, row->index, k, r->store + r->offs[k],
		    len);
}

static void
on_row(int term, void *vr)
{
	struct csvread *r = vr;
	struct csvread_row *row = &r->row;
	size_t i;

	(void)term;
	r->need_start = true;
	if (r->stop)
		goto reset;
	/* Pointers are made only now: the store may have moved while the
	 * row was read. */
	if (row->nkept > r->cap_row) {
		r->fields = xreallocarray(r->fields, row->nkept,
		    sizeof *r->fields);
		r->lens = xreallocarray(r->lens, row->nkept, sizeof *r->lens);
		r->kept = xreallocarray(r->kept, row->nkept, sizeof *r->kept);
		r->cap_row = row->nkept;
	}
	row->fields = r->fields;
	row->lens = r->lens;
	for (i = 0; i < row->nkept; i++) {
		row->fields[i] = r->store + r->offs[i];
		row->lens[i] = (i + 1 < row->nkept ? r->offs[i + 1] :
		    r->store_len) - r->offs[i] - 1;
	}
	row->kept = NULL;
	if (r->wbuf != NULL && row->index > 0) {
		for (i = 0; i < row->nkept; i++)
			r->kept[i] = r->wbuf + r->wpos + r->offs[i];
		row->kept = r->kept;
	}
	if (!r->fn(r->ctx, row))
		r->stop = true;
	if (row->kept != NULL) {
		/* Only now: during the call the row's own bytes are still
		 * there, for the positions of its problems. */
		memcpy(r->wbuf + r->wpos, r->store, r->store_len);
		r->wpos += r->store_len;
	}
	r->nrows++;
reset:
	row->fields = NULL;
	row->lens = NULL;
	row->kept = NULL;
	row->index = r->nrows;
	row->nfields = row->nkept = 0;
	r->store_len = 0;
}

/* Whether any of the 8 bytes in x is not printable ASCII (below 0x20 or
 * above 0x7E): the word-at-a-time tests of "Bit Twiddling Hacks", exact
 * as a yes or no. */
#define BYTES(v)	(UINT64_C(0x0101010101010101) * (v))
static inline bool
word_has_special(uint64_t x)
{
	return ((((x - BYTES(0x20)) & ~x) | (x + BYTES(0x01)) | x) &
	    BYTES(0x80)) != 0;
}

/* How many bytes of printable ASCII b starts with, looking at no more
 * than its first 16, which must be there: SSE2 compares all 16 at once,
 * and a line of a data set is mostly printable ASCII. */
#if defined(__SSE2__)
static inline size_t
printable_run16(const char *b)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
	/* Signed bytes: those of 0x80 and up are negative, so below 0x20. */
	const __m128i special = _mm_or_si128(
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	unsigned mask = (unsigned)_mm_movemask_epi8(special);

	return mask != 0 ? (size_t)__builtin_ctz(mask) : 16;
}
#endif

/* Check the file as UTF-8 text without control characters. Nearly all of
 * a data set is printable ASCII and a file may be hundreds of megabytes,
 * so runs of it are skipped sixteen bytes (with SSE2) or eight at a time;
 * only the rest (line ends, other bytes) is looked at a character at a
 * time. */
static void
check_text(struct csvread *r, size_t start)
{
	const char *b = r->buf;
	size_t p = start, line = 1, col = 1, n;
	uint32_t cp;
	uint64_t x;

	while (p < r->len) {
		unsigned char c;

#if defined(__SSE2__)
		while (r->len - p >= 16) {
			n = printable_run16(b + p);
			p += n;
			col += n;
			if (n < 16)
				break;
		}
#endif
		while (r->len - p >= 8) {
			memcpy(&x, b + p, 8);
			if (word_has_special(x))
				break;
			p += 8;
			col += 8;
		}
		if (p == r->len)
			break;
		c = (unsigned char)b[p];
		if (c >= 0x20 && c < 0x7F) {
			p++;
			col++;
			continue;
		}
		if (c == '\n') {
			p++;
			line++;
			col = 1;
			continue;
		}
		if (c == '\r')
			r->has_cr = true;
		if (c == '\r' && p + 1 < r->len && b[p + 1] == '\n') {
			p++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\r')
				diags_add(r->d, line, col, _("carriage return "
				    "without a line feed (use LF or CRLF line "
				    "ends)"));
			else if (c == '\0')
				diags_add(r->d, line, col, _("NUL byte"));
			else if (c == '\t')
				diags_add(r->d, line, col, _("tab character "
				    "(use spaces)"));
			else if (c < 0x20 || c == 0x7F)
				diags_add(r->d, line, col, _("control "
				    "character U+%04X"), (unsigned)c);
			p++;
			col++;
			continue;
		}
		/* Most text that is not ASCII is in two-byte sequences
		 * (Latin, Greek, Cyrillic): a lead of C2 to DF and a
		 * continuation byte. Between U+00A0 and U+061B no character
		 * is a control (text_is_control), so those need no call. */
		if (c >= 0xC2 && c <= 0xDF && r->len - p >= 2 &&
		    ((unsigned char)b[p + 1] & 0xC0) == 0x80) {
			cp = (uint32_t)(c & 0x1F) << 6 |
			    ((unsigned char)b[p + 1] & 0x3F);
			if (cp >= 0xA0 && cp < 0x061C) {
				p += 2;
				col++;
				continue;
			}
		}
		if (!text_decode_valid(b + p, r->len - p, &cp, &n)) {
			diags_add(r->d, line, col, _("invalid UTF-8 (byte "
			    "0x%02X)"), (unsigned)c);
			p++;
			col++;
			continue;
		}
		if (text_is_control(cp))
			diags_add(r->d, line, col, _("control character "
			    "U+%04X"), (unsigned)cp);
		p += n;
		col++;
	}
	r->row.file_lines = line;
}

/* The end of the chunk that starts at off: after the line's '\n', or after
 * a lone '\r' before it. libcsv ends a row at a lone CR, so the next row
 * starts there, mid-line; feeding it separately lets that row's position
 * be noted too. Parsing also resumes there after a bad row. has_cr: the
 * file has a '\r' at all (most have none, and then a line is not
 * searched twice). */
static size_t
next_chunk(const char *buf, size_t len, size_t off, bool has_cr)
{
	const char *nl = memchr(buf + off, '\n', len - off), *cr;
	size_t end = nl != NULL ? (size_t)(nl - buf) + 1 : len;

	if (!has_cr)
		return end;
	cr = memchr(buf + off, '\r', end - off);
	if (cr != NULL && !(cr + 1 < buf + len && cr[1] == '\n'))
		return (size_t)(cr - buf) + 1;
	return end;
}

/*
 * Feed libcsv the chunk [off, end); returns the bytes it took, fewer only
 * at a parse error. With lim->chunk set, the chunk goes in pieces of at
 * most that many bytes, and a CRLF is cut after its CR, so that no piece
 * holds a line end but as its last byte: libcsv keeps its state from call
 * to call, and the fuzzer checks that this gives the very same rows and
 * errors as whole lines, which a caller streaming a file would rely on.
 * Where rows start and which line is being read is still decided once per
 * chunk, by the caller: a piece that continues a line starts no row.
 */
static size_t
feed(struct csvread *r, struct csv_parser *p, size_t off, size_t end)
{
	size_t at = off, stop, used;
	const char *cr;

	if (r->lim->chunk == 0)
		return csv_parse(p, r->buf + off, end - off, on_field, on_row, r);
	while (at < end) {
		stop = end - at > r->lim->chunk ? at + r->lim->chunk : end;
		cr = memchr(r->buf + at, '\r', stop - at);
		if (cr != NULL)
			stop = (size_t)(cr - r->buf) + 1;
		used = csv_parse(p, r->buf + at, stop - at, on_field, on_row, r);
		at += used;
		if (at < stop)
			break;
	}
	return at - off;
}

static void
parse_error(struct csvread *r, size_t at)
{
	size_t line, col;

	locate(r->buf, r->len, r->chunk_off, r->chunk_line, at, &line, &col);
	if (at < r->len && r->buf[at] == '"')
		diags_add(r->d, line, col, _("stray quote: a field that "
		    "contains quotes must be quoted, and each quote doubled"));
	else
		diags_add(r->d, line, col, _("unexpected character after a "
		    "closing quote (expected a comma or the end of the line)"));
}

/* ------------------------------------------ libcsv's field buffer */

/*
 * libcsv grows the buffer of the field it is reading by a fixed step (its
 * blk_size, 128 bytes) and reallocates each time: a field of n bytes costs
 * n / 128 reallocations, each of which may copy the field so far. glibc
 * mostly hides that by remapping large blocks in place; valgrind and ASan
 * copy, and a 10 MB field then took longer than any test would wait (one
 * is refused as too long only once libcsv has read all of it). So the
 * buffer's room is doubled instead, and kept in front of the block, where
 * libcsv's own free function (also ours) finds it.
 */
#define ROOM_HDR	2	/* size_t words in front: keeps max alignment */

static void *
field_buf_grow(void *buf, size_t n)
{
	size_t *h = buf != NULL ? (size_t *)buf - ROOM_HDR : NULL, room;

	if (h != NULL && h[0] >= n)
		return buf;
	room = n < SIZE_MAX / 4 ? 2 * n : n;
	if (room > SIZE_MAX - ROOM_HDR * sizeof *h)
		xalloc_die();
	h = xrealloc(h, room + ROOM_HDR * sizeof *h);
	h[0] = room;
	return h + ROOM_HDR;
}

static void
field_buf_free(void *buf)
{
	if (buf != NULL)
		free((size_t *)buf - ROOM_HDR);
}

static void
parser_init(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		xalloc_die();
	csv_set_realloc_func(p, field_buf_grow);
	csv_set_free_func(p, field_buf_free);
}

/* The body of csvread_parse and csvread_parse_keep; wbuf is buf, writable,
 * or NULL. */
static size_t
parse(const char *buf, char *wbuf, size_t len,
    const struct csvread_limits *lim, struct diags *d, csvread_row_fn fn,
    void *ctx)
{
	struct csvread r;
	struct csv_parser p;
	size_t off = 0, end, line = 1, used, i, before = d->total;

	memset(&r, 0, sizeof r);
	r.buf = buf;
	r.len = len;
	r.lim = lim;
	r.d = d;
	r.fn = fn;
	r.ctx = ctx;
	r.row.reader = &r;
	r.need_start = true;
	r.watch = SIZE_MAX;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	check_text(&r, off);
	/* Fields are kept in buf only in a file whose text is sound: in one
	 * with a lone CR a row may start mid-line, and the position of its
	 * problems is counted from the start of that line, which an earlier
	 * row's fields may then have covered. */
	if (wbuf != NULL && d->total == before)
		r.wbuf = wbuf;
	parser_init(&p);
	while (off < len && !r.stop) {
		end = next_chunk(buf, len, off, r.has_cr);
		if (r.need_start) {
			/* libcsv skips blank lines, and lines of spaces and
			 * tabs only; a row begins on the next line with
			 * something else on it. */
			for (i = off; i < end && (is_line_end(buf[i]) ||
			    buf[i] == ' ' || buf[i] == '\t'); i++)
				;
			if (i < end) {
				r.row.offset = off;
				r.row.line = line;
				r.need_start = false;
			}
		}
		r.chunk_off = off;
		r.chunk_line = line;
		used = feed(&r, &p, off, end);
		if (used < end - off) {
			parse_error(&r, off + used);
			r.nbroken++;
			/* Without its header a table cannot be read: taking
			 * the next row for the header would only report its
			 * values as unknown columns. */
			if (r.nrows == 0)
				r.stop = true;
			/* Drop the broken row and start afresh on the next
			 * line, so later rows are still checked. */
			csv_free(&p);
			parser_init(&p);
			r.row.nfields = r.row.nkept = 0;
			r.store_len = 0;
			r.need_start = true;
		}
		if (buf[end - 1] == '\n')
			line++;
		off = end;
	}
	if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
		size_t eline, ecol;

		locate(buf, len, r.row.offset, r.row.line,
		    field_offset(buf, len, r.row.offset, r.row.nfields),
		    &eline, &ecol);
		diags_add(d, eline, ecol, _("quoted field is never closed"));
		r.nbroken++;
	}
	csv_free(&p);
	free(r.store);
	free(r.offs);
	free(r.fields);
	free(r.lens);
	free(r.kept);
	/* A file whose only row was malformed is not empty. */
	return r.nrows + r.nbroken;
}

size_t
csvread_parse(const char *name, const char *buf, size_t len,
    const struct csvread_limits *lim, struct diags *d, csvread_row_fn fn,
    void *ctx)
{
	(void)name;
	return parse(buf, NULL, len, lim, d, fn, ctx);
}

/*
 * Why the fields fit: row k's fields with their NULs take at most the
 * bytes of row k in the file (a field is never longer than its text, and
 * each comma or line end becomes a NUL), and the header row is never
 * kept, so the fields of rows 1..k end at least two bytes (the header's
 * shortest: a character and its line end) before row k+1 starts. So the
 * bytes of the row being read, and the line end before it, are never
 * covered: every position of a problem is counted as in csvread_parse,
 * the caller's loop can still look at the line end it fed, and a CRLF
 * cut after its CR keeps its LF for libcsv.
 */
size_t
csvread_parse_keep(const char *name, char *buf, size_t len,
    const struct csvread_limits *lim, struct diags *d, csvread_row_fn fn,
    void *ctx)
{
	(void)name;
	return parse(buf, buf, len, lim, d, fn, ctx);
}

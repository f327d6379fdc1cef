/*
 * A linear scan with case folding: at the sizes people write by hand it
 * answers in microseconds, and it keeps no index to go stale.
 *
 * Searching as one types in a data set of a million items is another
 * matter: the scan above decodes and folds every character at every
 * position, hundreds of milliseconds a key. The search index below folds
 * the text once, into one buffer, so that a query (folded too) is found
 * with plain byte comparisons, and the browser refines the last key's
 * hits rather than scan everything again.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "search.h"
#include "text.h"
#include "xalloc.h"

static bool
match(const char *field, const char *q, enum search_field which,
    struct search_hit *hit)
{
	ptrdiff_t at;
	size_t len;

	if (*field == '\0')
		return false;
	at = text_find_fold(field, 0, q, &len);
	if (at < 0)
		return false;
	hit->field = which;
	hit->off = (size_t)at;
	hit->len = len;
	return true;
}

bool
search_item(const struct model_item *it, const char *q,
    struct search_hit *hit)
{
	hit->topic = it->topic;
	hit->item = it;
	return match(it->label, q, SEARCH_LABEL, hit) ||
	    match(it->text, q, SEARCH_TEXT, hit) ||
	    match(it->group, q, SEARCH_GROUP, hit);
}

size_t
search_model(const struct model *m, const char *q, search_fn fn, void *ctx)
{
	struct search_hit hit;
	size_t i, n = 0;

	if (*q == '\0')
		return 0;
	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *t = m->topics[i];

		hit.topic = t;
		hit.item = NULL;
		if (match(t->title, q, SEARCH_TITLE, &hit) ||
		    match(t->summary, q, SEARCH_SUMMARY, &hit)) {
			n++;
			if (!fn(ctx, &hit))
				return n;
		}
	}
	for (i = 0; i < m->nitems; i++) {
		if (search_item(m->items[i], q, &hit)) {
			n++;
			if (!fn(ctx, &hit))
				return n;
		}
	}
	return n;
}

/* ------------------------------------------------------ the search index */

/*
 * Why the folded copy can stand for the text: folding a character keeps
 * the length of its UTF-8 encoding (ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic letters fold within their own blocks), but for the
 * two that fold to ASCII (U+0130, U+017F). A field without those and
 * without invalid UTF-8 has its folded copy's characters at the same byte
 * offsets as its own, and in valid UTF-8 a byte match of a valid needle
 * starts and ends on character boundaries: so the first byte match of the
 * folded query in the folded field is text_find_fold's first match, at
 * the same offset, as long as the folded query. Entries with any other
 * field are marked and searched with text_find_fold, as before.
 */

/* An entry is an item (else a topic); it is slow when a field of it is
 * one the folded text cannot stand for. */
enum {
	ENTRY_ITEM = 1 << 0,
	ENTRY_SLOW = 1 << 1
};

/* Bytes readable past the last entry: the matcher loads 16 at a time and
 * needs no tail loop. */
#define INDEX_PAD	16

struct search_index {
	/* Each entry's fields, folded, each ended by a NUL; entry e is
	 * text[start[e], start[e + 1]). */
	char		 *text;
	size_t		 *start;
	const void	**rec;		/* the topic or item */
	/* The topic of each entry, kept here so that a hit does not read
	 * its item: an item is a cache miss, the index is read in order. */
	const struct model_topic **topic;
	/* Where an entry's second and third fields start, from its start:
	 * the field of a match without reading the text before it. */
	uint32_t	(*field)[2];
	unsigned char	 *flags;
	size_t		  n;
	size_t		 *slow;	/* the slow entries, in order */
	size_t		  nslow, cap_slow;
};

#define BYTES(v)	(UINT64_C(0x0101010101010101) * (v))

/* Fold n bytes of s into d, which gets n bytes too; false when the copy
 * cannot stand for the text (see above). ASCII goes eight bytes at a time:
 * a million items are a hundred megabytes. */
static bool
fold_into(char *d, const char *s, size_t n)
{
	size_t i = 0, len;
	uint64_t x, gt, ge;
	uint32_t cp, f;
	unsigned char c;
	char enc[4];
	bool exact = true;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&x, s + i, 8);
			if ((x & BYTES(0x80)) == 0) {
				/* Per byte, without carries: high bit of ge
				 * when >= 'A', of gt when > 'Z'. */
				gt = x + BYTES(0x7F - 'Z');
				ge = x + BYTES(0x80 - 'A');
				x |= ((ge ^ gt) & BYTES(0x80)) >> 2;
				memcpy(d + i, &x, 8);
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if (c < 0x80) {
			d[i++] = (char)(c >= 'A' && c <= 'Z' ? c + 0x20 : c);
			continue;
		}
		if (!text_decode_valid(s + i, n - i, &cp, &len)) {
			d[i++] = (char)c;
			exact = false;
			continue;
		}
		f = text_fold(cp);
		if (f != cp && text_encode(f, enc) == len)
			memcpy(d + i, enc, len);
		else {
			memcpy(d + i, s + i, len);
			if (f != cp)
				exact = false;
		}
		i += len;
	}
	return exact;
}

/* The fields of an entry, in the order a match in them counts. */
static size_t
entry_fields(const void *rec, bool item, const char *f[3])
{
	const struct model_topic *t = rec;
	const struct model_item *it = rec;

	if (!item) {
		f[0] = t->title;
		f[1] = t->summary;
		return 2;
	}
	f[0] = it->label;
	f[1] = it->text;
	f[2] = it->group;
	return 3;
}

struct search_index *
search_index_new(const struct model_topic *const *order, size_t norder)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	const char *f[3];
	size_t i, j, k, e = 0, bytes = 0, nf, len;
	bool exact;

	for (i = 0; i < norder; i++) {
		ix->n += 1 + order[i]->nitems;
		/* Matches keep entries in 32 bits: more would take hundreds
		 * of gigabytes anyway. */
		if (ix->n >= UINT32_MAX)
			xalloc_die();
		nf = entry_fields(order[i], false, f);
		for (k = 0; k < nf; k++)
			bytes += strlen(f[k]) + 1;
		for (j = 0; j < order[i]->nitems; j++) {
			nf = entry_fields(order[i]->items[j], true, f);
			for (k = 0; k < nf; k++)
				bytes += strlen(f[k]) + 1;
		}
	}
	ix->text = xmalloc(bytes + INDEX_PAD);
	memset(ix->text + bytes, 0, INDEX_PAD);
	ix->start = xreallocarray(NULL, ix->n + 1, sizeof *ix->start);
	ix->rec = xreallocarray(NULL, ix->n + 1, sizeof *ix->rec);
	ix->topic = xreallocarray(NULL, ix->n + 1, sizeof *ix->topic);
	ix->field = xreallocarray(NULL, ix->n + 1, sizeof *ix->field);
	ix->flags = xcalloc(ix->n + 1, 1);
	bytes = 0;
	for (i = 0; i < norder; i++) {
		for (j = 0; j <= order[i]->nitems; j++, e++) {
			bool item = j > 0;

			ix->rec[e] = item ?
			    (const void *)order[i]->items[j - 1] :
			    (const void *)order[i];
			ix->topic[e] = order[i];
			ix->start[e] = bytes;
			ix->flags[e] = item ? ENTRY_ITEM : 0;
			nf = entry_fields(ix->rec[e], item, f);
			ix->field[e][0] = ix->field[e][1] = UINT32_MAX;
			for (k = 0; k < nf; k++) {
				if (k > 0)
					ix->field[e][k - 1] = (uint32_t)(bytes -
					    ix->start[e]);
				len = strlen(f[k]);
				exact = fold_into(ix->text + bytes, f[k], len);
				if (!exact)
					ix->flags[e] |= ENTRY_SLOW;
				bytes += len;
				ix->text[bytes++] = '\0';
			}
			/* Positions are kept in 32 bits too. */
			if (bytes - ix->start[e] >= UINT32_MAX)
				ix->flags[e] |= ENTRY_SLOW;
			if (ix->flags[e] & ENTRY_SLOW) {
				ix->slow = xgrow(ix->slow, &ix->cap_slow,
				    ix->nslow + 1, sizeof *ix->slow);
				ix->slow[ix->nslow++] = e;
			}
		}
	}
	ix->start[e] = bytes;
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->text);
	free(ix->start);
	free(ix->rec);
	free(ix->topic);
	free(ix->field);
	free(ix->flags);
	free(ix->slow);
	free(ix);
}

size_t
search_index_size(const struct search_index *ix)
{
	return ix->n;
}

void
search_needle_init(struct search_needle *n, const char *query)
{
	size_t len = strlen(query);

	n->query = query;
	n->folded = xmalloc(len + 1);
	/* A query that is not valid UTF-8 (or folds shorter) is searched
	 * the slow way everywhere: text_find_fold decides what it means. */
	n->valid = fold_into(n->folded, query, len) && len > 0;
	n->folded[len] = '\0';
	n->len = len;
}

void
search_needle_free(struct search_needle *n)
{
	free(n->folded);
	n->folded = NULL;
}

/*
 * The first position of the needle (k bytes, k >= 1) in h (len bytes), or
 * SIZE_MAX. With SSE2, sixteen positions at a time are kept only where
 * the needle's first and last bytes both are, and only those compared
 * (the SIMD-friendly substring search of W. Mula); h may be read up to 15
 * bytes past its end, which INDEX_PAD allows.
 */
static size_t
find(const char *h, size_t len, const char *nd, size_t k)
{
	const char *p;

	if (k > len)
		return SIZE_MAX;
	if (k == 1) {
		p = memchr(h, nd[0], len);
		return p != NULL ? (size_t)(p - h) : SIZE_MAX;
	}
#if defined(__SSE2__)
	{
		const __m128i first = _mm_set1_epi8(nd[0]);
		const __m128i last = _mm_set1_epi8(nd[k - 1]);
		size_t i, j, end = len - k;	/* the last position */
		unsigned mask, bit;

		for (i = 0; i <= end; i += 16) {
			__m128i a = _mm_loadu_si128((const __m128i *)
			    (const void *)(h + i));
			__m128i b = _mm_loadu_si128((const __m128i *)
			    (const void *)(h + i + k - 1));

			mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
			if (end - i < 15)
				mask &= (1u << (end - i + 1)) - 1;
			while (mask != 0) {
				bit = (unsigned)__builtin_ctz(mask);
				/* The bytes between first and last: few, so
				 * compared here rather than by a call. */
				for (j = 1; j + 1 < k && h[i + bit + j] ==
				    nd[j]; j++)
					;
				if (j + 1 >= k)
					return i + bit;
				mask &= mask - 1;
			}
		}
		return SIZE_MAX;
	}
#else
	for (p = h; (p = memchr(p, nd[0], (size_t)(h + len - k + 1 - p))) !=
	    NULL; p++)
		if (memcmp(p + 1, nd + 1, k - 1) == 0)
			return (size_t)(p - h);
	return SIZE_MAX;
#endif
}

/* An entry the folded copy cannot stand for, or a query that is not
 * UTF-8: as the browser always searched. */
static bool
slow_match(const struct search_index *ix, size_t e, const char *q,
    struct search_hit *hit)
{
	const struct model_topic *t = ix->rec[e];
	ptrdiff_t at;

	if (ix->flags[e] & ENTRY_ITEM)
		return search_item(ix->rec[e], q, hit);
	memset(hit, 0, sizeof *hit);
	hit->topic = t;
	if ((at = text_find_fold(t->title, 0, q, &hit->len)) >= 0)
		hit->field = SEARCH_TITLE;
	else if ((at = text_find_fold(t->summary, 0, q, &hit->len)) >= 0)
		hit->field = SEARCH_SUMMARY;
	else
		return false;
	hit->off = (size_t)at;
	return true;
}

static const enum search_field topic_field[] = { SEARCH_TITLE,
	SEARCH_SUMMARY };
static const enum search_field item_field[] = { SEARCH_LABEL, SEARCH_TEXT,
	SEARCH_GROUP };

/* The hit for a match at pos in entry e's folded text. */
static void
make_hit(const struct search_index *ix, size_t e, size_t pos,
    const struct search_needle *n, struct search_hit *hit)
{
	size_t fs = 0, k = 0;

	/* The field is the one the match is in: the needle holds no NUL. */
	if (pos >= ix->field[e][0]) {
		k = pos >= ix->field[e][1] ? 2 : 1;
		fs = ix->field[e][k - 1];
	}
	memset(hit, 0, sizeof *hit);
	hit->topic = ix->topic[e];
	if (ix->flags[e] & ENTRY_ITEM) {
		hit->item = ix->rec[e];
		hit->field = item_field[k];
	} else
		hit->field = topic_field[k];
	hit->off = pos - fs;
	hit->len = n->len;
}

/* The first slow entry at or after e, or ix->n. */
static size_t
next_slow(const struct search_index *ix, size_t e)
{
	size_t lo = 0, hi = ix->nslow, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->slow[mid] < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->nslow ? ix->slow[lo] : ix->n;
}

/* The entry holding text offset pos, among [lo, hi). Matches of a common
 * query are a few entries apart: gallop from lo, then halve. */
static size_t
entry_at(const struct search_index *ix, size_t lo, size_t hi, size_t pos)
{
	size_t mid, step = 1;

	while (step < hi - lo && ix->start[lo + step] <= pos) {
		lo += step;
		step *= 2;
	}
	if (step < hi - lo)
		hi = lo + step;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (ix->start[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Entries and positions are kept in 32 bits, as a million hits are
 * millions of bytes more with each one: an index with more is searched
 * the slow way (see search_index_new). */
size_t
search_index_scan(const struct search_index *ix,
    const struct search_needle *nd, uint32_t *e, uint32_t *at,
    struct search_hit *hits)
{
	size_t from = 0, slow, pos, k, n = 0;

	while (from < ix->n) {
		if (!nd->valid) {
			if (slow_match(ix, from, nd->query, &hits[n])) {
				e[n] = (uint32_t)from;
				at[n++] = 0;
			}
			from++;
			continue;
		}
		/* Up to the next entry that must be searched the slow way,
		 * the entries' text is searched in one go: no match can run
		 * from one field into the next, as each ends with a NUL. */
		slow = next_slow(ix, from);
		pos = find(ix->text + ix->start[from], ix->start[slow] -
		    ix->start[from], nd->folded, nd->len);
		if (pos != SIZE_MAX) {
			pos += ix->start[from];
			k = entry_at(ix, from, slow, pos);
			e[n] = (uint32_t)k;
			at[n] = (uint32_t)(pos - ix->start[k]);
			make_hit(ix, k, at[n], nd, &hits[n]);
			n++;
			from = k + 1;
			continue;
		}
		if (slow == ix->n)
			break;
		if (slow_match(ix, slow, nd->query, &hits[n])) {
			e[n] = (uint32_t)slow;
			at[n++] = 0;
		}
		from = slow + 1;
	}
	return n;
}

/* How far ahead of the match being refined the text of its successors is
 * asked for: enough to cover a cache miss, a match taking some tens of
 * ns; the hits of a query are scattered over the index. */
#define PREFETCH_AHEAD	16

size_t
search_index_refine(const struct search_index *ix,
    const struct search_needle *nd, const uint32_t *e, const uint32_t *at,
    size_t count, uint32_t *ne, uint32_t *nat, struct search_hit *hits)
{
	const char *r;
	size_t i, j, n = 0, k = nd->len, rlen, a, pos;
	uint32_t x;
	/* Hits that are most entries are read in order, which the memory
	 * sees coming by itself. */
	bool sparse = count < ix->n / 4;

	for (i = 0; i < count; i++) {
#if defined(__GNUC__) || defined(__clang__)
		if (sparse && i + PREFETCH_AHEAD < count)
			__builtin_prefetch(ix->text +
			    ix->start[e[i + PREFETCH_AHEAD]]);
#endif
		x = e[i];
		if (!nd->valid || (ix->flags[x] & ENTRY_SLOW)) {
			if (slow_match(ix, x, nd->query, &hits[n])) {
				ne[n] = x;
				nat[n++] = 0;
			}
			continue;
		}
		r = ix->text + ix->start[x];
		rlen = ix->start[x + 1] - ix->start[x];
		a = at[i];
		/* Mostly the shorter query's match goes on into the longer
		 * one: the needle is where it was. */
		for (j = 0; j < k && a + j < rlen && r[a + j] == nd->folded[j];
		    j++)
			;
		if (j == k)
			pos = a;
		else if (a + 1 + k <= rlen &&
		    (pos = find(r + a + 1, rlen - a - 1, nd->folded, k)) !=
		    SIZE_MAX)
			pos += a + 1;
		else
			continue;
		ne[n] = x;
		nat[n] = (uint32_t)pos;
		make_hit(ix, x, pos, nd, &hits[n]);
		n++;
	}
	return n;
}

void
search_index_hits(const struct search_index *ix,
    const struct search_needle *nd, const uint32_t *e, const uint32_t *at,
    size_t count, struct search_hit *hits)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (!nd->valid || (ix->flags[e[i]] & ENTRY_SLOW)) {
			if (!slow_match(ix, e[i], nd->query, &hits[i]))
				memset(&hits[i], 0, sizeof hits[i]);
		} else
			make_hit(ix, e[i], at[i], nd, &hits[i]);
	}
}

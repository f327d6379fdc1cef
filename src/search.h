/*
 * Searching the content: topic titles and summaries, item groups, labels
 * and texts, case-insensitively. The CLI's --search and the browser's
 * incremental search share it.
 */
#ifndef RESPMAP_SEARCH_H
#define RESPMAP_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum search_field {
	SEARCH_TITLE,		/* topic fields */
	SEARCH_SUMMARY,
	SEARCH_GROUP,		/* item fields */
	SEARCH_LABEL,
	SEARCH_TEXT
};

struct search_hit {
	const struct model_topic	*topic;
	const struct model_item		*item;	/* NULL for a topic's own field */
	enum search_field		 field;
	size_t				 off, len;	/* the match, in bytes */
};

/* Called for each topic or item that matches (its first matching field);
 * return false to stop. */
typedef bool (*search_fn)(void *ctx, const struct search_hit *hit);

/* Every topic (title, summary) and every item (group, label, text) that
 * contains query, in file order. Returns the number of hits reported. */
size_t search_model(const struct model *m, const char *query, search_fn fn,
    void *ctx);

/* The first match of query in an item's fields, if any. */
bool search_item(const struct model_item *it, const char *query,
    struct search_hit *hit);

/*
 * An index for searching as the user types (the browser's incremental
 * search): a case-folded copy of the text of every topic (title, summary)
 * and item (label, text, group) made once, in a given order of topics,
 * each topic followed by its items, as entries 0, 1, ... A match in an
 * entry is exactly what search_item and search_model find (the same
 * field, offset and length), only found with plain byte comparisons in
 * the folded copy rather than by decoding and folding each character at
 * each position; the few fields whose folding changes their length (or
 * that are not valid UTF-8) are searched the slow way.
 */
struct search_index;

/* The folded copy for the topics of order, in that order. */
struct search_index *search_index_new(const struct model_topic *const *order,
    size_t norder);
void search_index_free(struct search_index *ix);
size_t search_index_size(const struct search_index *ix);

/* A query folded once, for the functions below. */
struct search_needle {
	const char	*query;
	char		*folded;
	size_t		 len;
	/* False when the folded copy cannot stand for the query (empty,
	 * not UTF-8, or folding changes its length): it is then searched
	 * the slow way. */
	bool		 valid;
};

void search_needle_init(struct search_needle *n, const char *query);
void search_needle_free(struct search_needle *n);

/*
 * The matches of a query, each an entry and where in it the match starts
 * (e[i], at[i]), with its hit (hits[i]): as search_item (for an item) or
 * the topic's title then summary would find them, in entry order. The
 * arrays are the caller's; each function says how long they must be.
 */

/* Every entry's first match; room for search_index_size entries. Runs
 * over the folded text as one, so entries without a match cost next to
 * nothing. Returns the number of matches. */
size_t search_index_scan(const struct search_index *ix,
    const struct search_needle *n, uint32_t *e, uint32_t *at,
    struct search_hit *hits);

/* The matches of a needle whose query extends the one of the count
 * matches in e and at: only those entries can match, and not before
 * where they did. ne, nat and hits get room for count; ne and nat may be
 * e and at. Returns the number of matches. */
size_t search_index_refine(const struct search_index *ix,
    const struct search_needle *n, const uint32_t *e, const uint32_t *at,
    size_t count, uint32_t *ne, uint32_t *nat, struct search_hit *hits);

/* The hits of count matches found for the same needle, again. */
void search_index_hits(const struct search_index *ix,
    const struct search_needle *n, const uint32_t *e, const uint32_t *at,
    size_t count, struct search_hit *hits);

#endif

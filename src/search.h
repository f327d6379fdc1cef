/*
 * Searching the content: topic titles and summaries, item groups, labels
 * and texts, case-insensitively. The CLI's --search and the browser's
 * incremental search share it.
 */
#ifndef RESPMAP_SEARCH_H
#define RESPMAP_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

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

#endif

/*
 * A linear scan with case folding: at the sizes people write by hand it
 * answers in microseconds, and it keeps no index to go stale.
 */
#include "config.h"

#include <string.h>

#include "search.h"
#include "text.h"

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

/*
 * Content search: what a user finds when they type a word they know.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"
#include "testutil.h"

struct hits {
	const struct search_hit	*v;
	size_t			 n;
	size_t			 stop_after;
	struct search_hit	 buf[64];
};

static bool
collect(void *ctx, const struct search_hit *h)
{
	struct hits *hs = ctx;

	if (hs->n < 64)
		hs->buf[hs->n] = *h;
	hs->n++;
	return hs->stop_after == 0 || hs->n < hs->stop_after;
}

static struct hits
find(const char *q)
{
	struct hits hs;

	memset(&hs, 0, sizeof hs);
	search_model(test_builtin_model(), q, collect, &hs);
	return hs;
}

static const struct search_hit *
hit_for_item(const struct hits *hs, const char *id)
{
	size_t i;

	for (i = 0; i < hs->n && i < 64; i++)
		if (hs->buf[i].item != NULL &&
		    strcmp(hs->buf[i].item->id, id) == 0)
			return &hs->buf[i];
	return NULL;
}

/* The hit for an item, failing the test when there is none. */
static const struct search_hit *
must_hit(const struct hits *hs, const char *id)
{
	const struct search_hit *h = hit_for_item(hs, id);

	if (h == NULL) {
		fail_msg("no hit for item %s", id);
		abort();
	}
	return h;
}

static void
test_function_code_is_customers(void **state)
{
	struct hits hs = find("FUNCTION code");
	const struct search_hit *h;

	(void)state;
	h = must_hit(&hs, "lambda-customer-function-code");
	assert_int_equal(h->item->party, MODEL_CUSTOMER);
	assert_string_equal(h->topic->id, "lambda");
	assert_int_equal(h->field, SEARCH_TEXT);
	assert_int_equal(h->off, 0);
	assert_int_equal(h->len, strlen("Function code"));
}

static void
test_labels_groups_and_topics(void **state)
{
	struct hits hs = find("guardduty");
	size_t i;
	bool topic = false;

	(void)state;
	assert_int_equal(must_hit(&hs, "tool-aws-guardduty")->field,
	    SEARCH_LABEL);
	hs = find("serverless");
	for (i = 0; i < hs.n; i++)
		topic |= hs.buf[i].item == NULL &&
		    strcmp(hs.buf[i].topic->id, "lambda") == 0 &&
		    hs.buf[i].field == SEARCH_TITLE;
	assert_true(topic);
	hs = find("fully inherits");
	assert_int_equal(hs.n, 1);
	assert_int_equal(hs.buf[0].field, SEARCH_SUMMARY);
}

static void
test_every_encryption_item(void **state)
{
	struct hits hs = find("encrypt");

	(void)state;
	assert_non_null(hit_for_item(&hs, "s3-customer-data-encryption"));
	assert_non_null(hit_for_item(&hs, "ebs-aws-snapshot-encryption"));
	assert_non_null(hit_for_item(&hs, "area-data-encryption"));
	assert_non_null(hit_for_item(&hs, "myth-encryption-reality"));
	assert_true(hs.n >= 10);
}

static void
test_empty_and_absent(void **state)
{
	struct hits hs = find("");

	(void)state;
	assert_int_equal(hs.n, 0);
	hs = find("quantum teleportation");
	assert_int_equal(hs.n, 0);
}

static void
test_stop_early(void **state)
{
	struct hits hs;

	(void)state;
	memset(&hs, 0, sizeof hs);
	hs.stop_after = 2;
	assert_int_equal(search_model(test_builtin_model(), "a", collect,
	    &hs), 2);
	assert_int_equal(hs.n, 2);
}

/* ------------------------------------------------- the search index */

static void
assert_same_hits(const char *q, const struct search_hit *got, size_t n,
    const struct search_hit *want, size_t nwant)
{
	size_t i;

	if (n != nwant)
		fail_msg("'%s': %zu hits, expected %zu", q, n, nwant);
	for (i = 0; i < n; i++)
		if (got[i].topic != want[i].topic ||
		    got[i].item != want[i].item ||
		    got[i].field != want[i].field ||
		    got[i].off != want[i].off || got[i].len != want[i].len)
			fail_msg("'%s': hit %zu differs", q, i);
}

/* A fresh scan of the index, and the refining of each query's hits into
 * the next longer one's, find exactly what search_item and the topics'
 * fields do; and the hits of a scan can be made again from its matches. */
static void
test_index_same_as_scan(void **state)
{
	static const char *const chains[] = {
		"encryption", "THE CUSTOMER", "aws s", "ec2 ins", "’s",
		"patch management", "x", "zzzz", "μ", "data—",
	};
	const struct model *m = test_builtin_model();
	const struct model_topic **order;
	struct search_index *ix;
	struct search_hit *hits, *want, *again;
	uint32_t *e, *at, *e2, *at2;
	size_t i, k, n, n2, nwant, size;
	char q[64];

	(void)state;
	order = xreallocarray(NULL, m->ntopics, sizeof *order);
	for (i = 0; i < m->ntopics; i++)
		order[i] = m->topics[i];
	ix = search_index_new(order, m->ntopics);
	size = search_index_size(ix);
	assert_int_equal(size, m->ntopics + m->nitems);
	hits = xcalloc(size + 1, sizeof *hits);
	again = xcalloc(size + 1, sizeof *again);
	e = xcalloc(size + 1, sizeof *e);
	at = xcalloc(size + 1, sizeof *at);
	e2 = xcalloc(size + 1, sizeof *e2);
	at2 = xcalloc(size + 1, sizeof *at2);
	for (i = 0; i < sizeof chains / sizeof *chains; i++) {
		struct search_needle nd;
		size_t len = strlen(chains[i]);

		n = 0;
		for (k = 1; k <= len; k++) {
			/* Whole characters only. */
			if (k < len && ((unsigned char)chains[i][k] & 0xC0) ==
			    0x80)
				continue;
			memcpy(q, chains[i], k);
			q[k] = '\0';
			search_needle_init(&nd, q);
			/* The topics in file order: the index was made so. */
			nwant = test_scan_hits((const struct model_topic *const *)
			    m->topics, m->ntopics, q, &want);
			n2 = search_index_scan(ix, &nd, e2, at2, hits);
			assert_same_hits(q, hits, n2, want, nwant);
			if (k > 1) {
				n = search_index_refine(ix, &nd, e, at, n, e,
				    at, hits);
				assert_same_hits(q, hits, n, want, nwant);
			} else {
				n = n2;
				memcpy(e, e2, n * sizeof *e);
				memcpy(at, at2, n * sizeof *at);
			}
			search_index_hits(ix, &nd, e, at, n, again);
			assert_same_hits(q, again, n, want, nwant);
			free(want);
			search_needle_free(&nd);
		}
	}
	free(hits);
	free(again);
	free(e);
	free(at);
	free(e2);
	free(at2);
	free(order);
	search_index_free(ix);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_function_code_is_customers),
	cmocka_unit_test(test_labels_groups_and_topics),
	cmocka_unit_test(test_every_encryption_item),
	cmocka_unit_test(test_empty_and_absent),
	cmocka_unit_test(test_stop_early),
	cmocka_unit_test(test_index_same_as_scan),
};

TEST_MAIN(tests)

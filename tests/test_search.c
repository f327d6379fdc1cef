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

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_function_code_is_customers),
	cmocka_unit_test(test_labels_groups_and_topics),
	cmocka_unit_test(test_every_encryption_item),
	cmocka_unit_test(test_empty_and_absent),
	cmocka_unit_test(test_stop_early),
};

TEST_MAIN(tests)

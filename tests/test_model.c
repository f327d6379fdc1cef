/*
 * The model's queries: resolving what a user types into a topic, the tree
 * derived from parent links, parties, and the matrix, on the built-in data
 * and on a model built by hand.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "strmap.h"
#include "testutil.h"

static const struct model_topic *
resolve(const char *q, enum model_match_kind want)
{
	struct model_match mm;
	const struct model_topic *t;

	model_match_topic(test_builtin_model(), q, &mm);
	if (mm.kind != want)
		fail_msg("'%s': match kind %d, expected %d", q, mm.kind, want);
	t = mm.topic;
	model_match_free(&mm);
	return t;
}

static void
test_match_id_and_alias(void **state)
{
	(void)state;
	assert_string_equal(resolve("ec2", MODEL_MATCH_EXACT)->id, "ec2");
	assert_string_equal(resolve("EC2", MODEL_MATCH_EXACT)->id, "ec2");
	assert_string_equal(resolve("eks", MODEL_MATCH_EXACT)->id, "ecs-eks");
	assert_string_equal(resolve("Ecs", MODEL_MATCH_EXACT)->id, "ecs-eks");
	assert_string_equal(resolve("paas", MODEL_MATCH_EXACT)->id, "paas");
	assert_string_equal(resolve("containers", MODEL_MATCH_EXACT)->id,
	    "containers");
}

static void
test_match_title_prefix(void **state)
{
	(void)state;
	assert_string_equal(resolve("elastic", MODEL_MATCH_PREFIX)->id,
	    "beanstalk");
	assert_string_equal(resolve("LAMBDA (S", MODEL_MATCH_PREFIX)->id,
	    "lambda");
	assert_string_equal(resolve("key take", MODEL_MATCH_PREFIX)->id,
	    "takeaways");
}

static void
test_match_ambiguous_lists_all(void **state)
{
	struct model_match mm;
	size_t i;
	bool storage = false, s3 = false;

	(void)state;
	model_match_topic(test_builtin_model(), "s", &mm);
	assert_int_equal(mm.kind, MODEL_MATCH_AMBIGUOUS);
	assert_null(mm.topic);
	for (i = 0; i < mm.ncandidates; i++) {
		storage |= strcmp(mm.candidates[i]->id, "storage") == 0;
		s3 |= strcmp(mm.candidates[i]->id, "s3") == 0;
	}
	assert_true(storage && s3);
	model_match_free(&mm);
}

static void
test_match_none_suggests(void **state)
{
	struct model_match mm;

	(void)state;
	model_match_topic(test_builtin_model(), "lamdba", &mm);
	assert_int_equal(mm.kind, MODEL_MATCH_NONE);
	assert_int_equal(mm.ncandidates, 1);
	assert_string_equal(mm.candidates[0]->id, "lambda");
	model_match_free(&mm);
	model_match_topic(test_builtin_model(), "", &mm);
	assert_int_equal(mm.kind, MODEL_MATCH_NONE);
	assert_int_equal(mm.ncandidates, 0);
	model_match_free(&mm);
	model_match_topic(test_builtin_model(), "zzzzzzzz", &mm);
	assert_int_equal(mm.kind, MODEL_MATCH_NONE);
	assert_int_equal(mm.ncandidates, 0);
	model_match_free(&mm);
}

static void
test_tree(void **state)
{
	const struct model *m = test_builtin_model();
	const struct model_topic *iaas = model_find_topic(m, "iaas");
	const struct model_topic *ec2 = model_find_topic(m, "ec2");

	(void)state;
	assert_int_equal(iaas->nchildren, 3);
	assert_string_equal(iaas->children[0]->id, "ec2");
	assert_string_equal(iaas->children[1]->id, "ebs");
	assert_string_equal(iaas->children[2]->id, "vpc");
	assert_int_equal(ec2->nparents, 2);
	assert_string_equal(ec2->parents[0]->id, "compute");
	assert_ptr_equal(ec2->inherits, iaas);
	assert_string_equal(m->roots[0]->id, "overview");
	assert_int_equal(ec2->nitems, 7);
	assert_string_equal(ec2->items[0]->text, "Physical hosts");
	assert_int_equal(ec2->items[0]->party, MODEL_PROVIDER);
	assert_string_equal(model_topic_short(iaas), "IaaS");
	assert_string_equal(model_topic_short(m->roots[0]), "Overview");
}

static void
test_parties(void **state)
{
	enum model_party p;

	(void)state;
	assert_true(model_party_parse("provider", false, &p));
	assert_int_equal(p, MODEL_PROVIDER);
	assert_true(model_party_parse("shared", false, &p));
	assert_int_equal(p, MODEL_SHARED);
	assert_false(model_party_parse("unstated", false, &p));
	assert_true(model_party_parse("unstated", true, &p));
	assert_int_equal(p, MODEL_UNSTATED);
	assert_false(model_party_parse("AWS", true, &p));
	assert_false(model_party_parse("", true, &p));
	assert_string_equal(model_party_key(MODEL_CUSTOMER), "customer");
}

static void
test_matrix(void **state)
{
	const struct model *m = test_builtin_model();
	const struct model_cell *c;
	size_t i, j, os = m->nlayers;
	long iaas = model_column_index(m, model_find_topic(m, "iaas"));
	bool guest = false;

	(void)state;
	assert_int_equal(m->ncolumns, 4);
	assert_true(iaas >= 0);
	for (i = 0; i < m->nlayers; i++) {
		for (j = 0; j < m->ncolumns; j++)
			assert_true(model_cell(m, i, j)->set);
		if (strcmp(m->layers[i]->id, "operating-system") == 0)
			os = i;
	}
	assert_true(os < m->nlayers);
	c = model_cell(m, os, (size_t)iaas);
	assert_int_equal(c->party, MODEL_SHARED);
	for (i = 0; i < c->ncites; i++)
		guest |= strcmp(c->cites[i]->id, "iaas-customer-guest-os") == 0;
	assert_true(guest);
	assert_null(model_cell(m, m->nlayers, 0));
}

static void
test_build_by_hand(void **state)
{
	struct model *m = model_new();
	struct model_topic *a, *b;
	const void *prev = NULL;
	const struct model_topic *holder = NULL;

	(void)state;
	a = model_add_topic(m, "a", NULL);
	b = model_add_topic(m, "b", NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(model_add_topic(m, "a", &prev));
	assert_ptr_equal(prev, a);
	assert_true(model_add_alias(m, a, "alpha", NULL));
	assert_false(model_add_alias(m, b, "alpha", &holder));
	assert_ptr_equal(holder, a);
	model_topic_add_parent(m, b, a);
	model_finish(m);
	assert_int_equal(m->nroots, 1);
	assert_ptr_equal(m->roots[0], a);
	assert_int_equal(a->nchildren, 1);
	assert_ptr_equal(model_find_topic(m, "ALPHA"), a);
	assert_null(model_find_topic(m, "gamma"));
	model_free(m);
	model_free(NULL);
}

/* An item whose id the loader keeps itself: the model stores that copy,
 * not one of its own, and finds the item by it. */
static void
test_item_kept_id(void **state)
{
	struct model *m = model_new();
	char lookup[] = "item-1", kept[] = "item-1";
	struct model_item *it;
	const void *prev = NULL;

	(void)state;
	model_reserve_items(m, 4);
	it = model_add_item_kept(m, lookup, strmap_hash(lookup, 6), kept,
	    NULL);
	assert_non_null(it);
	assert_ptr_equal(it->id, kept);
	assert_null(model_add_item(m, "item-1", &prev));
	assert_ptr_equal(prev, it);
	lookup[0] = 'x';	/* the lookup copy was not kept */
	assert_ptr_equal(model_find_item(m, "item-1"), it);
	assert_int_equal(m->nitems, 1);
	model_free(m);
}

/* Keys of every length up to a few words, and the map grown from empty
 * (so rehashed from its keys several times): each key is found, and only
 * its own value, whatever its tail. */
static void
test_strmap_lengths(void **state)
{
	static char keys[2000][24];
	struct strmap m;
	size_t i, j, n = 0;

	(void)state;
	strmap_init(&m);
	for (i = 1; i <= 20; i++)
		for (j = 0; j < 90 && n < 2000; j++, n++) {
			memset(keys[n], 'k', i);
			keys[n][i] = '\0';
			keys[n][(j * 7) % i] = (char)('a' + j % 26);
			keys[n][i - 1] = (char)('A' + j / 26);
			if (strmap_get(&m, keys[n]) != NULL) {
				n--;	/* the same key again */
				continue;
			}
			assert_null(strmap_put(&m, keys[n], keys[n]));
		}
	for (i = 0; i < n; i++)
		assert_ptr_equal(strmap_get(&m, keys[i]), keys[i]);
	assert_null(strmap_get(&m, "kkkkkkkkkkkkkkkkkkkkkkkk"));
	assert_null(strmap_get(&m, ""));
	strmap_free(&m);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_match_id_and_alias),
	cmocka_unit_test(test_match_title_prefix),
	cmocka_unit_test(test_match_ambiguous_lists_all),
	cmocka_unit_test(test_match_none_suggests),
	cmocka_unit_test(test_tree),
	cmocka_unit_test(test_parties),
	cmocka_unit_test(test_matrix),
	cmocka_unit_test(test_build_by_hand),
	cmocka_unit_test(test_item_kept_id),
	cmocka_unit_test(test_strmap_lengths),
};

TEST_MAIN(tests)

/*
 * Open addressing keeps the table one flat array: cheap to build for a
 * million ids, and one cache line per probe on a hit.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

/* FNV-1a: short keys, good spread, no setup. */
static size_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	memset(m, 0, sizeof *m);
}

static struct strmap_slot *
find(const struct strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->slots[i].key != NULL && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	if (m->cap < old.cap)
		xalloc_die();
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*find(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	if (m->cap == 0)
		return NULL;
	return find(m, key)->value;
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	s = find(m, key);
	if (s->key != NULL)
		return s->value;
	s->key = key;
	s->value = value;
	m->n++;
	return NULL;
}

/*
 * Open addressing with linear probing over a table of small slots: each
 * slot holds 32 bits of its key's hash and the index of an entry (key and
 * value) in an array kept in insertion order. A million ids then cost a
 * 16-megabyte table, whose random probes are what building a map costs (a
 * cache and TLB miss each); a probe reads a key only when the hash bits
 * agree. Growing hashes the keys again: the one map that grows large (the
 * item ids) is reserved at its size before it fills, so it never does,
 * and an entry is 16 bytes instead of 24 with its hash.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "strmap.h"
#include "xalloc.h"

/*
 * A word at a time: ids are a dozen bytes, and a million of them are
 * hashed while a data set loads, so a byte-at-a-time hash shows. Each word
 * is mixed in with a multiplication, and the whole is finished as
 * splitmix64 finishes, so that every bit of the key reaches the low bits
 * the slot index is taken from.
 */
uint64_t
strmap_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 29;
	}
	/* The last one to seven bytes in at most two loads, which may
	 * overlap (n is mixed in already): a copy of n bytes is a loop. */
	if (n >= 4) {
		uint32_t a, b;

		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
	} else if (n > 0) {
		w = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (unsigned char)s[n - 1];
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
	}
	h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
	h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
	return h ^ (h >> 31);
}

static uint64_t
hash(const char *s)
{
	return strmap_hash(s, strlen(s));
}

/* The slot index comes from the low bits, the bits kept in the slot from
 * the high ones, so that they say something the index does not. */
static uint32_t
tag(uint64_t h)
{
	return (uint32_t)(h >> 32);
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
	free(m->entries);
	memset(m, 0, sizeof *m);
}

/* The slot holding key, or the free slot where it would go. */
static struct strmap_slot *
find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	uint32_t t = tag(h);

	while (m->slots[i].entry != 0 && (m->slots[i].tag != t ||
	    strcmp(m->entries[m->slots[i].entry - 1].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

/*
 * Ask for the table in 2 MB pages where the system has them for the
 * asking (Linux's transparent huge pages, "madvise" mode). Probes land
 * anywhere in the table, so in 4 kB pages nearly each of them misses the
 * TLB as well as the cache, and in a virtual machine a TLB miss walks two
 * sets of page tables: at a million ids that was a tenth of a load. The
 * table comes from calloc untouched, so the advice precedes every fault;
 * only its 2 MB-aligned part can be so mapped. A hint: any failure is
 * harmless.
 */
#define HUGE_PAGE	((uintptr_t)2 << 20)
static void
advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t to = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);

	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

static void
rehash(struct strmap *m, size_t cap)
{
	size_t i, j;
	uint64_t h;

	free(m->slots);
	m->cap = cap;
	m->slots = xcalloc(cap, sizeof *m->slots);
	if (cap * sizeof *m->slots >= 2 * HUGE_PAGE)
		advise_huge(m->slots, cap * sizeof *m->slots);
	/* The keys are distinct: a free slot is all an entry needs. */
	for (i = 0; i < m->n; i++) {
		h = hash(m->entries[i].key);
		for (j = (size_t)h & (cap - 1); m->slots[j].entry != 0;
		    j = (j + 1) & (cap - 1))
			;
		m->slots[j].tag = tag(h);
		m->slots[j].entry = (uint32_t)(i + 1);
	}
}

/* Room in the table for n keys. */
static void
reserve_slots(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	/* At most three quarters full, as strmap_put keeps it. */
	if (n > SIZE_MAX / 4)
		xalloc_die();
	while (n * 4 > cap * 3) {
		if (cap > SIZE_MAX / 2)
			xalloc_die();
		cap *= 2;
	}
	if (cap != m->cap)
		rehash(m, cap);
}

void
strmap_reserve(struct strmap *m, size_t n)
{
	reserve_slots(m, n);
	/* The entries too, at their size: grown by doubling, they would be
	 * copied on the way and leave the smaller arrays behind, free but
	 * still in the process's memory. */
	if (n > m->cap_entries) {
		m->entries = xreallocarray(m->entries, n, sizeof *m->entries);
		m->cap_entries = n;
	}
}

void
strmap_prefetch(const struct strmap *m, uint64_t hash)
{
	if (m->cap == 0)
		return;
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(&m->slots[(size_t)hash & (m->cap - 1)]);
#else
	(void)hash;
#endif
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	const struct strmap_slot *s;

	if (m->cap == 0)
		return NULL;
	s = find(m, key, hash(key));
	return s->entry != 0 ? m->entries[s->entry - 1].value : NULL;
}

void *
strmap_put_hashed(struct strmap *m, const char *key, uint64_t h,
    const char *stored, void *value)
{
	struct strmap_slot *s;
	struct strmap_entry *e;

	if (m->n >= UINT32_MAX - 1)
		xalloc_die();
	if ((m->n + 1) * 4 > m->cap * 3)
		reserve_slots(m, m->n + 1);
	s = find(m, key, h);
	if (s->entry != 0)
		return m->entries[s->entry - 1].value;
	m->entries = xgrow(m->entries, &m->cap_entries, m->n + 1,
	    sizeof *m->entries);
	e = &m->entries[m->n++];
	e->key = stored;
	e->value = value;
	s->tag = tag(h);
	s->entry = (uint32_t)m->n;
	return NULL;
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	return strmap_put_hashed(m, key, hash(key), key, value);
}

/*
 * A string-keyed hash map (open addressing, linear probing). The model
 * looks ids up in it, so that loading and resolving references stays linear
 * however large a data set grows. Keys are not copied: they must outlive
 * the map (the model's strings do).
 */
#ifndef RESPMAP_STRMAP_H
#define RESPMAP_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	uint32_t	tag;	/* bits of the key's hash */
	uint32_t	entry;	/* 1 + index in entries; 0 when free */
};

struct strmap_entry {
	const char	*key;
	void		*value;
};

struct strmap {
	struct strmap_slot	*slots;
	size_t			 cap;	/* a power of 2, or 0 */
	struct strmap_entry	*entries;	/* in insertion order */
	size_t			 n, cap_entries;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Make room for n keys in all, so that filling the map to n never grows
 * it: a caller that knows roughly how many keys are coming saves the
 * rehashing. */
void strmap_reserve(struct strmap *m, size_t n);
/* The hash of key (n bytes, no NUL needed) as the map works it out: a
 * caller that has a key's hash for strmap_prefetch passes it on to
 * strmap_put_hashed rather than have it worked out twice. */
uint64_t strmap_hash(const char *key, size_t n);
/* Ask the memory for where the key of this hash would go, ahead of a
 * strmap_put or strmap_get for it: a hint, which does nothing else. A
 * probe into a large map is a cache miss; started early, it overlaps with
 * other work instead of stalling it. */
void strmap_prefetch(const struct strmap *m, uint64_t hash);
/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Store value under key unless the key is present; returns the value
 * already there (and stores nothing), or NULL after storing. */
void *strmap_put(struct strmap *m, const char *key, void *value);
/* strmap_put for a key whose hash is known, which keeps `stored` as the
 * key: the same string as key, kept where it will outlive the map, and
 * not read during this call (a loader may name where the string will be
 * once the row being read is done with; key is the copy it reads now). */
void *strmap_put_hashed(struct strmap *m, const char *key, uint64_t hash,
    const char *stored, void *value);

#endif

/*
 * A string-keyed hash map (open addressing, linear probing). The model
 * looks ids up in it, so that loading and resolving references stays linear
 * however large a data set grows. Keys are not copied: they must outlive
 * the map (the model's strings do).
 */
#ifndef RESPMAP_STRMAP_H
#define RESPMAP_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char	*key;
	void		*value;
};

struct strmap {
	struct strmap_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Store value under key unless the key is present; returns the value
 * already there (and stores nothing), or NULL after storing. */
void *strmap_put(struct strmap *m, const char *key, void *value);

#endif

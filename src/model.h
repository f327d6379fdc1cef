/*
 * The in-memory model of a shared responsibility data set: sources, a tree
 * of topics (a topic may sit under several parents, e.g. EC2 under both
 * "Infrastructure services" and "Compute"), the items each party is
 * responsible for, and a responsibility matrix of layers against service
 * types. No I/O and no terminal here: the loader builds a model through
 * this interface and every view reads it.
 *
 * Ownership: the model owns every string and record reachable from it; one
 * model_free releases them all. Optional text fields are "" when absent,
 * never NULL.
 */
#ifndef RESPMAP_MODEL_H
#define RESPMAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strmap.h"

enum model_party {
	MODEL_PROVIDER,		/* security OF the cloud */
	MODEL_CUSTOMER,		/* security IN the cloud */
	MODEL_SHARED,		/* both parties, each in its own context */
	MODEL_UNSTATED		/* matrix cells only: the source is silent */
};

enum model_layout {
	MODEL_LAYOUT_COLUMNS,	/* the two parties side by side */
	MODEL_LAYOUT_LIST,	/* one numbered list (practices, takeaways) */
	MODEL_LAYOUT_MYTH,	/* title is a myth; items give reality, implication */
	MODEL_LAYOUT_MATRIX	/* the responsibility matrix */
};

struct model_source {
	const char	*id;
	const char	*title;
	const char	*location;	/* a URL or a document reference */
	size_t		 index;		/* in model.sources */
};

struct model_item;

struct model_topic {
	const char		 *id;
	const char		 *title;
	const char		 *short_title;	/* for narrow places; "" if none */
	const char		 *summary;
	const char		**aliases;
	size_t			  naliases;
	struct model_topic	**parents;	/* the first is the primary one */
	size_t			  nparents;
	struct model_topic	**children;	/* in file order */
	size_t			  nchildren;
	struct model_topic	 *inherits;	/* shows this topic's items too */
	enum model_layout	  layout;
	const struct model_source *source;
	struct model_item	**items;	/* in file order */
	size_t			  nitems;
	size_t			  index;	/* in model.topics */
};

struct model_item {
	const char		*id;
	struct model_topic	*topic;
	enum model_party	 party;
	const char		*group;		/* a heading within the topic */
	const char		*label;		/* a term the text explains */
	const char		*text;
	const struct model_source *source;
	size_t			 index;		/* in model.items */
};

struct model_layer {
	const char		*id;
	const char		*title;
	const char		*summary;
	const struct model_source *source;
	size_t			 index;	/* in model.layers */
};

struct model_cell {
	enum model_party	  party;
	struct model_item	**cites;	/* the items the cell rests on */
	size_t			  ncites;
	const char		 *note;
	bool			  set;
};

/* What a data set says about itself (dataset.csv). */
struct model_meta {
	const char	*name;
	const char	*provider;		/* e.g. "AWS" */
	const char	*provider_heading;	/* e.g. "security OF the cloud" */
	const char	*customer;
	const char	*customer_heading;
	const char	*description;
	const char	*version;
};

struct model_arena;

struct model {
	struct model_meta	  meta;
	struct model_source	**sources;
	size_t			  nsources;
	struct model_topic	**topics;	/* in file order */
	size_t			  ntopics;
	struct model_item	**items;	/* in file order */
	size_t			  nitems;
	struct model_layer	**layers;
	size_t			  nlayers;
	struct model_topic	**columns;	/* the matrix's service types */
	size_t			  ncolumns;
	struct model_cell	 *cells;	/* nlayers * ncolumns, by layer */
	struct model_topic	**roots;	/* topics without a parent */
	size_t			  nroots;

	struct strmap		  names;	/* topic ids and aliases */
	struct strmap		  item_ids;
	struct strmap		  source_ids;
	struct strmap		  layer_ids;
	struct model_arena	 *arena;
	size_t			  cap_sources, cap_topics, cap_items;
	size_t			  cap_layers, cap_columns;
	void			**adopted;	/* see model_adopt */
	size_t			  nadopted, cap_adopted;
};

struct model *model_new(void);
void model_free(struct model *m);

/* Memory that lives as long as the model. */
void *model_alloc(struct model *m, size_t size);
const char *model_strndup(struct model *m, const char *s, size_t n);
const char *model_strdup(struct model *m, const char *s);
/* Hand the model a block of malloc'd memory to free with itself, such as
 * a file's bytes that its strings point into. */
void model_adopt(struct model *m, void *p);

/* Builders: each returns the new record, or NULL when the id is taken, in
 * which case *previous (when not NULL) receives the record holding it. */
struct model_source *model_add_source(struct model *m, const char *id,
    const void **previous);
struct model_topic *model_add_topic(struct model *m, const char *id,
    const void **previous);
struct model_item *model_add_item(struct model *m, const char *id,
    const void **previous);
/* Make room for n items in all, for a loader that knows about how many
 * are coming: the arrays and the map of ids then never grow on the way,
 * which would copy them and leave the old copies behind. */
void model_reserve_items(struct model *m, size_t n);
/* model_add_item for a loader that keeps the bytes of the id for the
 * model: stored_id is the same string as id, the model's already, and is
 * kept instead of a copy (it need not be readable before the call returns:
 * see strmap_put_hashed); hash is strmap_hash of id, which the loader has
 * worked out to prefetch. NULL stored_id: as model_add_item. */
struct model_item *model_add_item_kept(struct model *m, const char *id,
    uint64_t hash, const char *stored_id, const void **previous);
struct model_layer *model_add_layer(struct model *m, const char *id,
    const void **previous);
/* Register an alias (lower case) for a topic; false when the name is taken
 * by another topic's id or alias. */
bool model_add_alias(struct model *m, struct model_topic *t, const char *alias,
    const struct model_topic **holder);
void model_topic_add_parent(struct model *m, struct model_topic *t,
    struct model_topic *parent);
/* Size the matrix to the given service-type columns; every cell unset. */
void model_set_columns(struct model *m, struct model_topic **cols, size_t n);
/* Only the columns, without cells (cells stays NULL): for a matrix that
 * lacks cells, which is reported and never shown, and whose grid a
 * hostile data set could make as large as the square of its rows. */
void model_set_column_list(struct model *m, struct model_topic **cols,
    size_t n);
struct model_cell *model_cell(const struct model *m, size_t layer, size_t col);
/* Derive children, roots and per-topic item lists after loading. */
void model_finish(struct model *m);

/* Lookups by exact id (topics: id or alias, case-insensitive for ASCII). */
struct model_topic *model_find_topic(const struct model *m, const char *name);
struct model_item *model_find_item(const struct model *m, const char *id);
struct model_source *model_find_source(const struct model *m, const char *id);
struct model_layer *model_find_layer(const struct model *m, const char *id);
/* Index of a topic among the matrix columns, or -1. */
long model_column_index(const struct model *m, const struct model_topic *t);

/* The short title when there is one, else the title. */
const char *model_topic_short(const struct model_topic *t);

enum model_match_kind {
	MODEL_MATCH_NONE,	/* candidates: close matches, if any */
	MODEL_MATCH_EXACT,	/* an id or an alias */
	MODEL_MATCH_PREFIX,	/* the one topic whose title starts so */
	MODEL_MATCH_AMBIGUOUS	/* candidates: every topic that matches */
};

struct model_match {
	enum model_match_kind	  kind;
	struct model_topic	 *topic;
	struct model_topic	**candidates;
	size_t			  ncandidates;
};

/* Resolve what a user typed: an id, an alias or an unambiguous,
 * case-insensitive title prefix. Free with model_match_free. */
void model_match_topic(const struct model *m, const char *query,
    struct model_match *out);
void model_match_free(struct model_match *mm);

/* Names of parties and layouts as written in the data files. */
const char *model_party_key(enum model_party p);
bool model_party_parse(const char *s, bool allow_unstated,
    enum model_party *out);
bool model_layout_parse(const char *s, enum model_layout *out);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve_int.h - what resolve.c (links, ids, tables) and resolve_image.c
 * (images, the cover, the stylesheet) share: the resolver's state.
 */
#ifndef QUIRE_RESOLVE_INT_H
#define QUIRE_RESOLVE_INT_H

#include <stddef.h>

#include "model/doc.h"
#include "util/confine.h"
#include "util/strmap.h"
#include "read/resolve.h"

struct fetch_set;

/* The largest extra stylesheet the EPUB takes (epub.c reads at most this
 * much): a larger one is refused here, with a message. */
#define CSS_MAX	(1 << 20)

struct resolver {
	struct doc	*d;
	struct strmap	 ids;		/* id -> HEADING or CHAPTER */
	struct strmap	 local;		/* "N\x1fid" -> HEADING of chapter N */
	struct strmap	 names;		/* normalised input path -> CHAPTER */
	struct strmap	 images;	/* resolved path -> struct verdict */
	struct strmap	 warned;	/* files linked to outside the book */
	int		 ndata;		/* data: URIs' images so far */
	const struct node **chapter;	/* by index */
	char		**real;		/* each chapter's real path, or NULL */
	struct confine	  roots;	/* folders images may come from */
	struct fetch_set *fetch;	/* remote images, fetched first */
	struct strmap	  remote;	/* clean URL -> struct verdict */
	struct confine	  cache;	/* the folder fetched images lie in */
	size_t		  nchapters;
	/* Links, images and tables in document order, for the pass. */
	struct node	**wanted;
	size_t		  nwanted, wanted_cap;
	struct colon_texts *colons;	/* for the emoji pass */
	int		  real_known, roots_known;
};

/* What a local image file turned out to be. */
struct verdict {
	enum link_kind	   kind;	/* LINK_FILE or LINK_NONE */
	enum image_format  format;
	const char	  *path;
	const char	  *real;	/* as judged (confine.h), or NULL */
	const unsigned char *data;	/* a data: URI's or a cleaned SVG's */
	size_t		   len;
};

/* resolve_image.c: every remote image fetched, side by side (before the
 * pass); an image node resolved; the cover and stylesheet checked. */
void	resolve_want_remote(struct resolver *, const struct node *);
void	resolve_fetch_remote(struct resolver *);
void	resolve_image(struct resolver *, struct node *);
void	resolve_book_files(struct resolver *);

#endif

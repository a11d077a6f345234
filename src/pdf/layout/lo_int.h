/*
 * lo_int.h - the layout engine's internal seams, shared by the files in
 * src/layout/ and by nothing else.
 *
 * The pipeline: inline.c turns inline nodes into Knuth-Plass items
 * (boxes, glue, penalties); linebreak.c chooses the breaks; inline.c sets
 * the chosen lines as vertical entries; block.c and table.c stack entries
 * for every block; page.c cuts the entries into pages.
 */
#ifndef QUIRE_LO_INT_H
#define QUIRE_LO_INT_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"

struct node;
struct doc;
struct style;

/* ---- memory: strings and arrays that live as long as the lo_doc ---- */
struct lo_pool;
struct lo_pool	*pool_new(void);
void		 pool_free(struct lo_pool *);
void		*pool_alloc(struct lo_pool *, size_t);
char		*pool_strndup(struct lo_pool *, const char *, size_t);
char		*pool_strdup(struct lo_pool *, const char *);

/* ---- Knuth-Plass items ---- */
enum { IT_BOX, IT_GLUE, IT_PEN };
#define PEN_INF		10000	/* a penalty this high forbids a break */

struct lo_item {
	int		 type;
	double		 w, st, sh;	/* width; glue stretch and shrink */
	int		 pen;		/* IT_PEN: penalty */
	int		 flag;		/* IT_PEN: a hyphen is drawn here */
	/* IT_BOX */
	const char	*s;		/* UTF-8, not NUL terminated */
	size_t		 len;
	int		 face;
	double		 size, rise;
	uint32_t	 rgb;
	int		 strike;
	const char	*link;		/* URI or "#id", NULL if none */
};

struct lo_par {
	struct lo_item	*it;
	size_t		 n, cap;
};

/* Character format while walking inlines. */
struct lo_fmt {
	int		 fam, sty;	/* family, LO_BOLD|LO_ITALIC */
	double		 size, rise;
	uint32_t	 rgb;
	int		 strike;
	const char	*link;
	int		 nohyph;	/* label cells: never hyphenate */
	int		 depth;		/* inline nesting so far */
};

/* ---- vertical entries: what page.c stacks ---- */
enum { V_BOX, V_GLUE, V_ROW };

struct lo_ops {
	struct lo_op	*op;
	size_t		 n, cap;
};

struct lo_row;

struct vent {
	int		 kind;
	double		 h;
	struct lo_ops	 ops;		/* y relative to the entry's top */
	int		 keep;		/* no page break right after this */
	int		 brk;		/* start a new page before this */
	int		 droptop;	/* leave out at the top of a page */
	const char	*mark_id;	/* heading anchor, or NULL */
	const char	*mark_title;	/* outline entry, or NULL */
	int		 mark_level;
	struct lo_row	*row;		/* V_ROW */
};

struct vlist {
	struct vent	*e;
	size_t		 n, cap;
};

/* A table row: each cell is a vertical list of its own lines. */
struct lo_table {
	int		 ncols;
	double		*x, *w;		/* column left edges and widths */
	double		 left, width;	/* the whole table */
	double		 pad, vpad;
	double		 header_h;	/* height of the header row */
	double		 rule_w;
	uint32_t	 rule_rgb, head_rgb;
	struct lo_row	*header;	/* repeated on every page, or NULL */
};

struct lo_row {
	struct lo_table	*tab;
	int		 header;
	struct vlist	*cells;		/* ncols lists */
	struct vlist	 cont;		/* column 0 again, marked continued:
					   set by row_cont() when needed */
	const struct node *label;	/* column 0's cell, for cont */
	struct lo_fmt	 lfmt;
	int		 lalign;
	int		 cont_done;
};

/* ---- the engine's state ---- */
struct lo_ctx {
	const struct doc	*doc;
	const struct style	*st;
	const struct lo_metrics	*m;
	struct lo_doc		*out;
	struct lo_pool		*pool;
	int16_t			*wcache[LO_NFACES];	/* BMP widths */
	void			*hyph;		/* HyphenDict, or NULL */
	void			*hcache;	/* hyph.c's word cache */
	void			*kp;		/* linebreak.c's scratch */
	struct lo_par		 spare;		/* a recycled item array */
	struct lo_ops		 scratch;	/* the line being set */
	int			 ragged;
	int			 chapter_break;	/* input files start pages */
	int			 warned_cp[8];	/* few repeat warnings */
	int			 nwarned;
	/* page geometry */
	double			 pw, ph, ml, mr, mt, mb;
	double			 left, width;	/* the text column */
	double			 top, bottom;	/* body area, footer excluded */
	/* sizes */
	double			 body_size, lead;	/* leading factor */
	double			 code_size, table_size, table_floor;
	double			 par_skip;
	int			 fam_body, fam_head, fam_mono;
	uint32_t		 link_rgb, text_rgb;
	const char		*file;		/* for messages */
};

/* metrics.c */
double	lo_advance(struct lo_ctx *, int face, uint32_t cp, int *usedface);
double	lo_text_width(struct lo_ctx *, int face, double size,
	    const char *s, size_t len);

/* hyph.c */
void	hyph_open(struct lo_ctx *, const char *lang);
void	hyph_close(struct lo_ctx *);
/* Fill pts[0..len) with 1 where a hyphen may follow byte i of the word
 * (ASCII letters only); returns the number of points. */
int	hyph_points(struct lo_ctx *, const char *word, size_t len, char *pts);

/* inline.c */
void	par_init(struct lo_par *);
void	par_free(struct lo_par *);
/* par_init/par_free that recycle the item array through the context:
 * a fresh array per paragraph cost a tenth of the layout in malloc. */
void	par_take(struct lo_ctx *, struct lo_par *);
void	par_give(struct lo_ctx *, struct lo_par *);
void	par_add_inlines(struct lo_ctx *, struct lo_par *,
	    const struct node *parent, const struct lo_fmt *);
void	par_add_text(struct lo_ctx *, struct lo_par *, const char *,
	    const struct lo_fmt *);
void	par_finish(struct lo_par *);
/* Break into lines of width `width` and stack them onto v at x.  Returns
 * the number of lines. */
int	par_set(struct lo_ctx *, struct lo_par *, struct vlist *v, double x,
	    double width, double size, int align, int ragged);
/* Content widths for tables: longest unbreakable piece and widest line. */
void	par_minmax(const struct lo_par *, double *wmin, double *smin,
	    double *max);

/* linebreak.c: breaks[] receives item indices of chosen breakpoints
 * (the last is the final forced break); returns the count. */
size_t	kp_break(struct lo_ctx *, const struct lo_par *, double width,
	    int ragged, size_t **breaks, double **ratios);
void	kp_free(struct lo_ctx *);

/* vlist.c */
void	vl_free(struct vlist *);
struct vent *vl_push(struct vlist *, int kind, double h);
void	vl_glue(struct vlist *, double h);
struct lo_op *ops_push(struct lo_ops *);
/* dst = an exact copy of src in the pool (cap 0 marks it: ops_push
 * moves it to the heap if it must grow).  Lines are set in one scratch
 * array and kept this way: a malloc per line was a fifth of the layout. */
void	ops_pool(struct lo_pool *, struct lo_ops *dst, const struct lo_ops *src);

/* block.c */
void	blocks(struct lo_ctx *, struct vlist *, const struct node *first,
	    double x, double width, int depth);
void	title_block(struct lo_ctx *, struct vlist *);

/* table.c */
void	table_block(struct lo_ctx *, struct vlist *, const struct node *,
	    double x, double width);
/* Set a body row's label again, marked continued, for a row that page.c
 * splits across pages (most rows never are). */
void	row_cont(struct lo_ctx *, struct lo_row *);

/* page.c */
void	paginate(struct lo_ctx *, struct vlist *);

#endif

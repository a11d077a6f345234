/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * codeblock.c - the language and the tokens of every code block, decided
 * once for all emitters (see codeblock.h and doc.h).
 *
 * The language is the first word of the fence's info string, as GitHub,
 * pandoc and mdBook write it: "rust", "rust,ignore", "{.rust}",
 * "{#id .rust .numberLines}", R Markdown's "{r setup}".  It is
 * lower-cased and its aliases are mapped to one name through the table
 * below; a name the table does not hold keeps its spelling, and the
 * highlighting library's own lang.map is asked for its definition.
 *
 * Tokens come from GNU Source-highlight through highlight_sh.cc.  They
 * are stored as spans that keep the guarantees doc.h states, whatever
 * the library reports: sorted, apart, on character boundaries, touching
 * spans of one class merged.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "read/codeblock.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/highlight.h"
#include "util/runner.h"
#include "util/strmap.h"

/*
 * Source-highlight tries every rule of a language at every token, each
 * over the rest of the line, so a line costs time in proportion to its
 * length and to the square of it: ordinary C takes about 4 us a byte,
 * a 1 000-byte line a tenth of a second, a 17 000-byte one ten seconds.
 * A block with a line longer than HL_MAX_LINE is left plain, and so is
 * the code after a document's blocks have cost HL_BUDGET, counted for
 * each line of n bytes as n * (n + HL_BYTE_COST) + HL_LINE_COST: some
 * five seconds of work, or about 25 000 lines of ordinary code.
 */
#define HL_MAX_LINE	500
#define HL_BYTE_COST	200
#define HL_LINE_COST	100
#define HL_BUDGET	250000000LL
#define LANG_MAX	32	/* bytes of a language name kept */
#define FILE_MAX	64	/* of a definition file's name */

/*
 * Languages by the names Markdown authors give them.  file is the
 * library's definition; NULL means plain text on purpose, which is not
 * worth a note.  Where the library has no definition of a language of
 * its own, the nearest one stands in, as the comments say.
 */
static const struct lang {
	const char	*alias, *name, *file;
} langs[] = {
	{ "text", "text", NULL }, { "txt", "text", NULL },
	{ "plain", "text", NULL }, { "plaintext", "text", NULL },
	{ "none", "text", NULL }, { "nohighlight", "text", NULL },
	{ "c", "c", "c.lang" }, { "h", "c", "c.lang" },
	{ "cpp", "cpp", "cpp.lang" }, { "c++", "cpp", "cpp.lang" },
	{ "cxx", "cpp", "cpp.lang" }, { "cc", "cpp", "cpp.lang" },
	{ "hpp", "cpp", "cpp.lang" }, { "hxx", "cpp", "cpp.lang" },
	{ "cs", "csharp", "csharp.lang" }, { "c#", "csharp", "csharp.lang" },
	{ "csharp", "csharp", "csharp.lang" },
	{ "rust", "rust", "rust.lang" }, { "rs", "rust", "rust.lang" },
	{ "javascript", "javascript", "javascript.lang" },
	{ "js", "javascript", "javascript.lang" },
	{ "jsx", "javascript", "javascript.lang" },
	{ "mjs", "javascript", "javascript.lang" },
	{ "cjs", "javascript", "javascript.lang" },
	{ "node", "javascript", "javascript.lang" },
	/* No TypeScript definition: its JavaScript core. */
	{ "typescript", "typescript", "javascript.lang" },
	{ "ts", "typescript", "javascript.lang" },
	{ "tsx", "typescript", "javascript.lang" },
	{ "python", "python", "python.lang" }, { "py", "python", "python.lang" },
	{ "python3", "python", "python.lang" }, { "py3", "python", "python.lang" },
	{ "go", "go", "go.lang" }, { "golang", "go", "go.lang" },
	{ "java", "java", "java.lang" },
	{ "bash", "bash", "sh.lang" }, { "sh", "bash", "sh.lang" },
	{ "shell", "bash", "sh.lang" }, { "ksh", "bash", "sh.lang" },
	/* A terminal session: its prompts and output read as shell. */
	{ "console", "console", "sh.lang" },
	{ "shell-session", "console", "sh.lang" },
	{ "shellsession", "console", "sh.lang" },
	{ "terminal", "console", "sh.lang" },
	/* No Dockerfile definition: its instructions' arguments are
	 * shell, and its comments and strings are shell's. */
	{ "dockerfile", "dockerfile", "sh.lang" },
	{ "docker", "dockerfile", "sh.lang" },
	{ "containerfile", "dockerfile", "sh.lang" },
	{ "json", "json", "json.lang" }, { "jsonc", "json", "json.lang" },
	/* No YAML or TOML definition: INI's (desktop.lang) reads TOML
	 * whole, and YAML's comments, strings and numbers. */
	{ "yaml", "yaml", "desktop.lang" }, { "yml", "yaml", "desktop.lang" },
	{ "toml", "toml", "desktop.lang" },
	{ "ini", "ini", "desktop.lang" },
	{ "html", "html", "html.lang" }, { "htm", "html", "html.lang" },
	{ "xml", "xml", "xml.lang" }, { "svg", "xml", "xml.lang" },
	{ "xsl", "xml", "xml.lang" }, { "xslt", "xml", "xml.lang" },
	{ "css", "css", "css.lang" }, { "scss", "css", "css.lang" },
	{ "less", "css", "css.lang" },
	{ "sql", "sql", "sql.lang" }, { "mysql", "sql", "sql.lang" },
	{ "postgresql", "sql", "sql.lang" }, { "psql", "sql", "sql.lang" },
	{ "sqlite", "sql", "sql.lang" }, { "plsql", "sql", "sql.lang" },
	{ "diff", "diff", "diff.lang" }, { "patch", "diff", "diff.lang" },
	{ "makefile", "makefile", "makefile.lang" },
	{ "make", "makefile", "makefile.lang" },
	{ "mk", "makefile", "makefile.lang" },
	{ "ruby", "ruby", "ruby.lang" }, { "rb", "ruby", "ruby.lang" },
	/* The library's lang.map reads "pl" as Prolog; in Markdown it is
	 * nearly always Perl. */
	{ "perl", "perl", "perl.lang" }, { "pl", "perl", "perl.lang" },
	{ "pm", "perl", "perl.lang" },
	{ "haskell", "haskell", "haskell.lang" },
	{ "hs", "haskell", "haskell.lang" },
	{ "ocaml", "ocaml", "caml.lang" }, { "ml", "ocaml", "caml.lang" },
	{ "latex", "latex", "latex.lang" }, { "tex", "latex", "latex.lang" },
	{ "elisp", "lisp", "lisp.lang" }, { "emacs-lisp", "lisp", "lisp.lang" },
	{ "bat", "batch", "bat.lang" }, { "batch", "batch", "bat.lang" },
	{ "cmd", "batch", "bat.lang" },
};

/* The pass over one document. */
struct settle {
	struct doc		*d;
	int			 on;		/* tokenise */
	int			 loaded;	/* the library is ready */
	long long		 spent;		/* of HL_BUDGET */
	int			 over;		/* the budget ran out */
	struct strmap		 files;		/* name -> file, or "" */
	struct strmap		 noted;		/* names already noted */
	/* The block being tokenised and its spans so far. */
	const char		*text;
	size_t			 len;
	struct code_span	*sp;
	size_t			 n, cap;
	struct codeblock_early	*early;	/* tokens made ahead, or NULL */
};

/*
 * Tokens made ahead.  Highlighting is a sixth of the front end's time,
 * and the passes after reading (tidy, resolve, notes) do not change a
 * code block's text; so with a thread to spare, each chapter's blocks
 * whose language has a definition go, as the chapter is read, to a
 * thread that tokenises them while the reading and those passes run;
 * when settling begins, the settling thread takes the blocks that
 * thread has not reached yet, rather than wait.  codeblock_settle() still
 * decides everything in document order (the budget, the notes), and
 * takes a block's tokens from here when they were made from the same
 * text (a book's Rust shown as settle_block shows it) with the same
 * definition; a block the passes changed or added
 * is tokenised then, as without the thread.  The threads read only the
 * texts listed here and write only this; they say nothing (a failure's
 * message is kept for the note settle may give).
 */
struct early_block {
	const struct node	*n;
	const char		*file;	/* langs[]: static */
	const char		*text;
	size_t			 len;
	struct code_span	*sp;	/* malloc'd */
	size_t			 nsp;
	char			*err;	/* the library's message, or NULL */
	int			 done;
};

struct codeblock_early {
	struct early_block	*b;
	size_t			 n, cap;
	size_t			*slot;	/* hash of node -> index + 1 */
	size_t			 mask;
	struct runner_task		*task;	/* the thread's; NULL: none */
	/* Blocks come while chapters are read: the thread takes them
	 * as they come, until the list is closed (or cancelled: the
	 * document turned out not to highlight). */
	pthread_mutex_t		 lock;
	pthread_cond_t		 more;
	size_t			 next;	/* the first block not yet taken */
	int			 closed, cancel;
};

static int
word_char(int c)
{
	return (c < 0x80 && isalnum(c)) || c == '_' || c == '+' ||
	    c == '-' || c == '#' || c == '.';
}

/* The language word of an info string, lower-cased, into buf. */
static void
info_word(const char *info, char *buf, size_t size)
{
	const char *p = info;
	size_t n = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '{') {
		/* Attributes: the first class (".rust"), or a bare word
		 * ("{r setup}"); ids ("#x") and "key=value" are skipped. */
		for (p++; *p != '\0' && *p != '}'; ) {
			size_t w;

			while (isspace((unsigned char)*p) || *p == ',')
				p++;
			w = strcspn(p, " \t,}");
			if (*p == '.' || (*p != '#' && w > 0 &&
			    memchr(p, '=', w) == NULL)) {
				p += *p == '.';
				break;
			}
			p += w;
		}
	}
	for (; word_char((unsigned char)*p) && n + 1 < size; p++)
		buf[n++] = (char)tolower((unsigned char)*p);
	buf[n] = '\0';
}

static const struct lang *
find_lang(const char *word)
{
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strcmp(langs[i].alias, word) == 0)
			return &langs[i];
	return NULL;
}

/* The definition file for a language the table does not hold, from
 * the library's lang.map (asked once per name); NULL when unknown. */
static const char *
map_lang(struct settle *s, const char *name)
{
	char file[FILE_MAX];
	const char *f = strmap_get(&s->files, name);

	if (f == NULL) {
		f = hl_map_lang(name, file, sizeof(file)) == 0 ?
		    doc_strdup(s->d, file) : "";
		strmap_put(&s->files, doc_strdup(s->d, name), (void *)f);
	}
	return *f != '\0' ? f : NULL;
}

/* Once per language: why its code is plain (under -v). */
static void
note(struct settle *s, const struct node *n, const char *why)
{
	const char *lang = n->u.code.lang;

	if (strmap_get(&s->noted, lang) != NULL)
		return;
	strmap_put(&s->noted, lang, (void *)lang);
	diag_note("%s:%d: code in \"%s\" is not highlighted: %s",
	    n->file ? n->file : "-", n->line, lang, why);
}

/* What the library will spend on the text; -1 when a line is too long
 * for it. */
static long long
cost(const char *text, size_t len)
{
	long long c = 0;
	size_t at = 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;

		if (n > HL_MAX_LINE)
			return -1;
		c += (long long)n * (long long)(n + HL_BYTE_COST) +
		    HL_LINE_COST;
		at += n + 1;
	}
	return c;
}

static int
is_cont(const char *t, size_t i)
{
	return ((unsigned char)t[i] & 0xC0) == 0x80;
}

/* A token from the library, stored as doc.h promises: widened to whole
 * characters, clipped to start where the last one ends, and merged
 * with it when they touch and are of one class. */
static void
token(void *arg, size_t off, size_t len, enum code_class cls)
{
	struct settle *s = arg;
	struct code_span *last = s->n ? &s->sp[s->n - 1] : NULL;
	size_t end = off + len;

	if (off >= s->len || len > s->len - off || (unsigned)cls >= CC_COUNT)
		return;
	while (off > 0 && is_cont(s->text, off))
		off--;
	while (end < s->len && is_cont(s->text, end))
		end++;
	if (last != NULL && off < (size_t)last->off + last->len)
		off = (size_t)last->off + last->len;
	if (off >= end)
		return;
	if (last != NULL && last->cls == cls &&
	    (size_t)last->off + last->len == off) {
		last->len = (uint32_t)(end - last->off);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->sp = xrealloc(s->sp, s->cap * sizeof(*s->sp));
	}
	s->sp[s->n].off = (uint32_t)off;
	s->sp[s->n].len = (uint32_t)(end - off);
	s->sp[s->n].cls = cls;
	s->n++;
}

static size_t
node_hash(const struct node *n)
{
	uintptr_t h = (uintptr_t)n;

	return (size_t)((h >> 4) * 0x9E3779B97F4A7C15ULL);
}

/* The block's early tokens, if they were made from its present text
 * with this definition. */
static const struct early_block *
early_find(const struct codeblock_early *e, const struct node *n,
    const char *file)
{
	size_t i, k;

	if (e == NULL || e->n == 0)
		return NULL;
	for (i = node_hash(n) & e->mask; (k = e->slot[i]) != 0;
	    i = (i + 1) & e->mask) {
		const struct early_block *b = &e->b[k - 1];

		if (b->n == n)
			return b->done && !strcmp(b->text, n->text) &&
			    !strcmp(b->file, file) ? b : NULL;
	}
	return NULL;
}

/* Tokenise one block in a language with a definition. */
static void
tokenise(struct settle *s, struct node *n, const char *file)
{
	size_t len = strlen(n->text);
	long long c = cost(n->text, len);
	struct code_span *sp;
	const struct code_span *from;
	size_t nsp;
	const struct early_block *e;

	if (c < 0 || len >= UINT32_MAX) {
		note(s, n, "a line is too long for the highlighting library");
		return;
	}
	if (s->over || c > HL_BUDGET - s->spent) {
		if (!s->over)
			diag_note("%s:%d: code from here on is not "
			    "highlighted: the document's code is too long "
			    "for the highlighting library",
			    n->file ? n->file : "-", n->line);
		s->over = 1;
		return;
	}
	s->spent += c;
	s->text = n->text;
	s->len = len;
	s->n = 0;
	if ((e = early_find(s->early, n, file)) != NULL) {
		if (e->err != NULL) {
			note(s, n, e->err);
			return;
		}
		from = e->sp;
		nsp = e->nsp;
	} else if (hl_tokenize(file, n->text, len, token, s) != 0) {
		note(s, n, hl_error());
		return;
	} else {
		from = s->sp;
		nsp = s->n;
	}
	if (nsp == 0)
		return;
	sp = doc_alloc(s->d, nsp * sizeof(*sp));
	memcpy(sp, from, nsp * sizeof(*sp));
	n->u.code.spans = sp;
	n->u.code.nspans = nsp;
}

/*
 * mdBook hides a Rust listing's boring lines as rustdoc does: a line
 * that is "#" alone or starts with "# " (after its indentation) is
 * hidden, and "##" stands for a literal "#".  A printed book shows what
 * the web book's reader sees, so they go, once, here.
 */
static const char *
rust_shown(struct doc *d, const char *text)
{
	struct buf b;
	const char *line, *nl, *q;
	char *out;
	size_t len;

	buf_init(&b);
	for (line = text; *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		nl = nl ? nl + 1 : line + strlen(line);
		len = (size_t)(nl - line);
		for (q = line; q < nl && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < nl && q[0] == '#' && (q + 1 == nl || q[1] == ' ' ||
		    q[1] == '\n' || q[1] == '\r'))
			continue;
		if (q + 1 < nl && q[0] == '#' && q[1] == '#') {
			buf_put(&b, line, (size_t)(q - line));
			buf_put(&b, q + 1, (size_t)(nl - q - 1));
		} else
			buf_put(&b, line, len);
	}
	out = doc_strdup(d, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void
settle_block(struct settle *s, struct node *n)
{
	char word[LANG_MAX];
	const struct lang *l;
	const char *file;

	info_word(n->u.code.info ? n->u.code.info : "", word, sizeof(word));
	l = find_lang(word);
	n->u.code.lang = l ? l->name : doc_strdup(s->d, word);
	if (s->d->book && n->text != NULL && !strcmp(n->u.code.lang, "rust"))
		n->text = rust_shown(s->d, n->text);
	n->u.code.spans = NULL;
	n->u.code.nspans = 0;
	if (!s->on || word[0] == '\0' || n->text == NULL || (l && !l->file))
		return;
	if (!s->loaded && hl_ready() != 0) {
		/* No language definitions: an installation problem, said
		 * once, and nothing more is tried. */
		diag_warn(n->file, n->line, "code is not highlighted: GNU "
		    "Source-highlight's language definitions cannot be read "
		    "(%s)", hl_error());
		s->on = 0;
		return;
	}
	s->loaded = 1;
	file = l ? l->file : map_lang(s, word);
	if (file == NULL)
		note(s, n, "the highlighting library does not know it");
	else
		tokenise(s, n, file);
}

static void
settle_tree(struct settle *s, struct node *root)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL)
		if (entering && n->type == N_CODE_BLOCK)
			settle_block(s, n);
}

/*
 * Tokenise listed blocks until none is left to take: blocks are taken
 * in order, each by one thread (the early thread, and the settling one
 * when it comes to wait: codeblock_settle), and a block's tokens do
 * not depend on which.  A thread that may wait for more blocks waits
 * until the list is closed.
 */
static void
early_work(struct codeblock_early *e, int wait)
{
	struct settle s;

	memset(&s, 0, sizeof(s));
	for (;;) {
		const char	*file, *text;
		size_t		 i, len;
		struct code_span *sp = NULL;
		char		*err = NULL;
		int		 bad;

		pthread_mutex_lock(&e->lock);
		while (wait && e->next >= e->n && !e->closed && !e->cancel)
			pthread_cond_wait(&e->more, &e->lock);
		if (e->next >= e->n || e->cancel) {
			pthread_mutex_unlock(&e->lock);
			break;
		}
		/* e->b moves as blocks are added: copy what is needed. */
		i = e->next++;
		file = e->b[i].file;
		text = e->b[i].text;
		len = e->b[i].len;
		pthread_mutex_unlock(&e->lock);

		s.text = text;
		s.len = len;
		s.n = 0;
		if ((bad = hl_ready() != 0) == 0 &&
		    hl_tokenize(file, text, len, token, &s) != 0)
			err = xstrdup(hl_error());
		if (err == NULL && s.n > 0) {
			sp = xmalloc(s.n * sizeof(*sp));
			memcpy(sp, s.sp, s.n * sizeof(*sp));
		}
		pthread_mutex_lock(&e->lock);
		e->b[i].sp = sp;
		e->b[i].nsp = err == NULL ? s.n : 0;
		e->b[i].err = err;
		e->b[i].done = !bad;
		/* No definitions at all: settle says so, in its place. */
		e->cancel |= bad;
		pthread_mutex_unlock(&e->lock);
	}
	free(s.sp);
}

static void *
early_run(void *arg)
{
	early_work(arg, 1);
	return NULL;
}

/* Called with e->lock held. */
static void
early_add(struct codeblock_early *e, const struct node *n, const char *file,
    const char *text)
{
	struct early_block *b;

	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->b = xrealloc(e->b, e->cap * sizeof(*e->b));
	}
	b = &e->b[e->n++];
	memset(b, 0, sizeof(*b));
	b->n = n;
	b->file = file;
	b->text = text;
	b->len = strlen(text);
}

static void
early_walk(struct codeblock_early *e, struct doc *d, struct node *root)
{
	struct node *n = NULL;
	const struct lang *l;
	const char *text;
	char word[LANG_MAX];
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering || n->type != N_CODE_BLOCK || n->text == NULL)
			continue;
		info_word(n->u.code.info ? n->u.code.info : "", word,
		    sizeof(word));
		if ((l = find_lang(word)) == NULL || l->file == NULL)
			continue;
		/* The text settle_block will tokenise: a book's Rust
		 * without its hidden lines (made here, on the reading
		 * thread, in the document's arena). */
		text = d->book && !strcmp(l->name, "rust") ?
		    rust_shown(d, n->text) : n->text;
		if (cost(text, strlen(text)) >= 0) {
			pthread_mutex_lock(&e->lock);
			early_add(e, n, l->file, text);
			pthread_cond_signal(&e->more);
			pthread_mutex_unlock(&e->lock);
		}
	}
}

/* The list, its thread started now; NULL when the runner has no
 * thread to give (the blocks are then tokenised in settle). */
static struct codeblock_early *
early_open(struct runner *run)
{
	struct codeblock_early *e = xcalloc(1, sizeof(*e));

	pthread_mutex_init(&e->lock, NULL);
	pthread_cond_init(&e->more, NULL);
	if ((e->task = runner_start(run, early_run, e)) == NULL) {
		pthread_cond_destroy(&e->more);
		pthread_mutex_destroy(&e->lock);
		free(e);
		return NULL;
	}
	return e;
}

void
codeblock_early_chapter(struct codeblock_early **early, struct runner *run,
    struct doc *d, struct node *chapter)
{
	if (*early == NULL)
		*early = early_open(run);
	if (*early != NULL)
		early_walk(*early, d, chapter);
}

/* No more blocks will come; with cancel, none more is tokenised. */
static void
early_seal(struct codeblock_early *e, int cancel)
{
	pthread_mutex_lock(&e->lock);
	e->closed = 1;
	e->cancel |= cancel;
	pthread_cond_broadcast(&e->more);
	pthread_mutex_unlock(&e->lock);
}

/* Close the list and build the table that settle looks blocks up in.
 * This thread tokenises the blocks the early thread has not reached
 * yet, rather than wait for it, and then joins it. */
static void
early_close(struct codeblock_early *e)
{
	size_t size = 16, i, j;

	early_seal(e, 0);
	if (e->task != NULL) {
		early_work(e, 0);
		(void)runner_join(e->task);
	}
	e->task = NULL;
	while (size < 2 * e->n)
		size *= 2;
	e->slot = xcalloc(size, sizeof(*e->slot));
	e->mask = size - 1;
	for (i = 0; i < e->n; i++) {
		for (j = node_hash(e->b[i].n) & e->mask; e->slot[j] != 0;
		    j = (j + 1) & e->mask)
			;
		e->slot[j] = i + 1;
	}
}

static void
early_free(struct codeblock_early *e)
{
	if (e == NULL)
		return;
	if (e->task != NULL) {
		early_seal(e, 1);
		(void)runner_join(e->task);
	}
	for (size_t i = 0; i < e->n; i++) {
		free(e->b[i].sp);
		free(e->b[i].err);
	}
	pthread_cond_destroy(&e->more);
	pthread_mutex_destroy(&e->lock);
	free(e->b);
	free(e->slot);
	free(e);
}

void
codeblock_early_discard(struct codeblock_early **early)
{
	early_free(*early);
	*early = NULL;
}

void
codeblock_early_start(struct codeblock_early **early, struct runner *run,
    struct doc *d)
{
	int on = d->set.highlight && !d->set.plain_code && d->root != NULL;

	/* Not started while reading (one file, or not foreseen): start
	 * now, for the passes before codeblock_settle. */
	if (*early == NULL && on && (*early = early_open(run)) != NULL)
		early_walk(*early, d, d->root);
	if (*early == NULL)
		return;
	if (on)
		for (struct node *f = d->notes; f != NULL; f = f->next)
			early_walk(*early, d, f);
	early_seal(*early, !on);
}

void
codeblock_settle(struct codeblock_early **early, struct doc *d)
{
	struct settle s;

	memset(&s, 0, sizeof(s));
	s.d = d;
	if (*early != NULL) {
		early_close(*early);
		s.early = *early;
	}
	/* A man page draws code in one font: no tokens are made for it
	 * only to be dropped. */
	s.on = d->set.highlight && !d->set.plain_code;
	strmap_init(&s.files);
	strmap_init(&s.noted);
	settle_tree(&s, d->root);
	for (struct node *f = d->notes; f != NULL; f = f->next)
		settle_tree(&s, f);
	strmap_free(&s.files);
	strmap_free(&s.noted);
	free(s.sp);
	codeblock_early_discard(early);
}

void
codeblock_release(void)
{
	hl_release();
}

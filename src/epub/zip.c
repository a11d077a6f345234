/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/zip.c - the OCF container, written by libzip into memory.
 *
 * `mimetype` goes first and stored (uncompressed, no extra field), as the
 * OCF spec demands; every entry gets the same DOS timestamp derived from
 * the document's epoch (SOURCE_DATE_EPOCH), so two builds of the same
 * input are byte-identical.
 *
 * Entries are deflated here, not by libzip: libzip compresses with zlib,
 * one entry after another when the archive is closed, which was half
 * the EPUB's time on a book of many chapters.  The entries are kept
 * until epub_zip_finish, compressed by libdeflate on the runner's threads
 * (each entry alone, so the bytes do not depend on the number), and
 * handed to libzip as data compressed already: a source that states its
 * method, sizes and CRC, which libzip copies as it is
 * (zip_source_function(3)).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>
#include <zip.h>

#include "util/diag.h"
#include "emit.h"
#include "epub.h"
#include "util/run.h"
#include "util/runner.h"

/* libdeflate's level 6: smaller than zlib's 6, in less time. */
#define ZIP_LEVEL	6

/* An entry to be packed, in the archive's order. */
struct entry {
	char		*name;
	unsigned char	*data;		/* the bytes, or (packed) deflated */
	size_t		 len;		/* of data */
	size_t		 size;		/* of the bytes before deflating */
	uint32_t	 crc;
	int		 store;
	zip_error_t	 err;		/* the source's, for libzip */
	size_t		 at;		/* read so far */
};

struct epub_zip {
	zip_source_t	*src;		/* the in-memory archive */
	zip_t		*za;
	zip_uint16_t	 dtime, ddate;
	struct entry	*e;
	size_t		 n, cap;
	/* Shared by the compressing threads. */
	pthread_mutex_t	 lock;
	size_t		 next;
};

static void
dos_time(long epoch, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	/* DOS dates start in 1980; earlier epochs are clamped to it.  The
	 * time is UTC, so the bytes do not depend on the builder's zone. */
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 80) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) |
	    ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

struct epub_zip *
epub_zip_new(long epoch)
{
	struct epub_zip *z = xcalloc(1, sizeof(*z));
	zip_error_t err;

	zip_error_init(&err);
	if ((z->src = zip_source_buffer_create(NULL, 0, 0, &err)) == NULL ||
	    (zip_source_keep(z->src),
	    z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &err)) == NULL) {
		diag_error(NULL, 0, "cannot create the EPUB archive: %s",
		    zip_error_strerror(&err));
		if (z->src != NULL)
			zip_source_free(z->src);
		zip_error_fini(&err);
		free(z);
		return NULL;
	}
	zip_error_fini(&err);
	dos_time(epoch, &z->dtime, &z->ddate);
	pthread_mutex_init(&z->lock, NULL);
	return z;
}

int
epub_zip_add(struct epub_zip *z, const char *name, const void *data,
    size_t len, int store)
{
	struct entry *e;

	if (z->n == z->cap) {
		z->cap = z->cap ? 2 * z->cap : 32;
		z->e = xrealloc(z->e, z->cap * sizeof(*z->e));
	}
	e = &z->e[z->n++];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	e->data = xmalloc(len ? len : 1);
	memcpy(e->data, data, len);
	e->len = e->size = len;
	e->store = store;
	return 0;
}

int
epub_zip_take(struct epub_zip *z, const char *name, char *data, size_t len)
{
	struct entry *e;

	epub_zip_add(z, name, "", 0, 0);
	e = &z->e[z->n - 1];
	free(e->data);
	e->data = (unsigned char *)data;
	e->len = e->size = len;
	return 0;
}

/* Deflate the entries not stored, each whole, until none is left. */
static void *
pack_work(void *arg)
{
	struct epub_zip *z = arg;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(ZIP_LEVEL);

	if (c == NULL)
		oom();
	for (;;) {
		struct entry	*e;
		unsigned char	*out;
		size_t		 i, cap, got;

		pthread_mutex_lock(&z->lock);
		while (z->next < z->n && z->e[z->next].store)
			z->next++;
		i = z->next < z->n ? z->next++ : z->n;
		pthread_mutex_unlock(&z->lock);
		if (i == z->n)
			break;
		e = &z->e[i];
		cap = libdeflate_deflate_compress_bound(c, e->size);
		out = xmalloc(cap);
		got = libdeflate_deflate_compress(c, e->data, e->size, out, cap);
		e->crc = (uint32_t)libdeflate_crc32(0, e->data, e->size);
		/* got is never 0 with the bound's room: the bytes stay
		 * stored then. */
		if (got == 0) {
			free(out);
			e->store = 1;
			continue;
		}
		free(e->data);
		e->data = out;
		e->len = got;
	}
	libdeflate_free_compressor(c);
	return NULL;
}

/* A deflated entry as a libzip source: its method, sizes and CRC
 * stated, so libzip copies the bytes rather than compress them. */
static zip_int64_t
packed(void *arg, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct entry *e = arg;
	zip_stat_t *st;
	size_t n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		e->at = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = e->len - e->at < len ? e->len - e->at : (size_t)len;
		memcpy(data, e->data + e->at, n);
		e->at += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st)) {
			zip_error_set(&e->err, ZIP_ER_INVAL, 0);
			return -1;
		}
		st = data;
		zip_stat_init(st);
		st->size = e->size;
		st->comp_size = e->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->encryption_method = ZIP_EM_NONE;
		st->crc = e->crc;
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
		    ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD |
		    ZIP_STAT_CRC;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&e->err, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&e->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Every entry into the archive, in order. */
static int
add_all(struct epub_zip *z)
{
	for (size_t i = 0; i < z->n; i++) {
		struct entry	*e = &z->e[i];
		zip_source_t	*s;
		zip_int64_t	 idx;

		zip_error_init(&e->err);
		s = e->store ? zip_source_buffer(z->za, e->data, e->len, 0) :
		    zip_source_function(z->za, packed, e);
		if (s == NULL)
			goto fail;
		if ((idx = zip_file_add(z->za, e->name, s,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			goto fail;
		}
		if ((e->store && zip_set_file_compression(z->za,
		    (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0) ||
		    zip_file_set_dostime(z->za, (zip_uint64_t)idx, z->dtime,
		    z->ddate, 0) < 0)
			goto fail;
		continue;
fail:
		diag_error(NULL, 0, "cannot add %s to the EPUB: %s", e->name,
		    zip_strerror(z->za));
		return -1;
	}
	return 0;
}

int
epub_zip_finish(struct epub_zip *z, struct runner *run, FILE *out)
{
	zip_stat_t st;
	char buf[65536];
	zip_int64_t n;
	int rc = -1;

	run_workers(run, pack_work, z, runner_threads(run));
	if (add_all(z) < 0) {
		zip_discard(z->za);
		goto done;
	}
	if (zip_close(z->za) < 0) {
		diag_error(NULL, 0, "cannot write the EPUB: %s",
		    zip_strerror(z->za));
		zip_discard(z->za);
		goto done;
	}
	zip_stat_init(&st);
	if (zip_source_stat(z->src, &st) < 0 || zip_source_open(z->src) < 0) {
		diag_error(NULL, 0, "cannot read the EPUB back from memory");
		goto done;
	}
	rc = 0;
	while ((n = zip_source_read(z->src, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
			diag_error(NULL, 0, "cannot write the EPUB");
			rc = -1;
			break;
		}
	if (n < 0) {
		diag_error(NULL, 0, "cannot read the EPUB back from memory");
		rc = -1;
	}
	zip_source_close(z->src);
done:
	zip_source_free(z->src);
	for (size_t i = 0; i < z->n; i++) {
		zip_error_fini(&z->e[i].err);
		free(z->e[i].name);
		free(z->e[i].data);
	}
	free(z->e);
	pthread_mutex_destroy(&z->lock);
	free(z);
	return rc;
}

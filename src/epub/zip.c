/*
 * epub/zip.c - the OCF container, written by libzip into memory.
 *
 * `mimetype` goes first and stored (uncompressed, no extra field), as the
 * OCF spec demands; every entry gets the same DOS timestamp derived from
 * the document's epoch (SOURCE_DATE_EPOCH), so two builds of the same
 * input are byte-identical.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "diag.h"
#include "epub.h"

struct epub_zip {
	zip_source_t	*src;		/* the in-memory archive */
	zip_t		*za;
	zip_uint16_t	 dtime, ddate;
	int		 failed;
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
	return z;
}

int
epub_zip_add(struct epub_zip *z, const char *name, const void *data,
    size_t len, int store)
{
	zip_source_t *s;
	void *copy;
	zip_int64_t idx;

	if (z->failed)
		return -1;
	/* libzip frees the copy when it is done with the entry. */
	copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	if ((s = zip_source_buffer(z->za, copy, len, 1)) == NULL) {
		free(copy);
		goto fail;
	}
	if ((idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		goto fail;
	}
	if (zip_set_file_compression(z->za, (zip_uint64_t)idx,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 6) < 0 ||
	    zip_file_set_dostime(z->za, (zip_uint64_t)idx, z->dtime, z->ddate,
	    0) < 0)
		goto fail;
	return 0;
fail:
	diag_error(NULL, 0, "cannot add %s to the EPUB: %s", name,
	    zip_strerror(z->za));
	z->failed = 1;
	return -1;
}

int
epub_zip_finish(struct epub_zip *z, FILE *out)
{
	zip_stat_t st;
	char buf[65536];
	zip_int64_t n;
	int rc = -1;

	if (z->failed) {
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
	free(z);
	return rc;
}

// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * pdf/svgform.cc - an SVG picture in the PDF as vectors: the one page
 * cairo drew it on (svgload.c: librsvg through cairo's PDF surface)
 * brought into quire's PDF as a form XObject, its text still text.
 *
 * Why this way: librsvg is the SVG renderer that is kept up (GNOME's),
 * and it draws only through cairo; cairo writes vectors only as a file
 * (PDF, PostScript, SVG), not as calls quire could replay through
 * libharu.  So cairo writes a small PDF, qpdf (a real PDF library, with
 * only a C++ interface: hence this bridge) reads it, and its page's
 * content stream and every object its resources reach (fonts subset by
 * cairo with their ToUnicode maps, images, patterns, shadings, soft
 * masks) are written again through the libharu fence (haru.h).  Streams
 * are decoded by qpdf and compressed again by libharu; a JPEG is kept as
 * it is.  Anything this copy does not know (another filter, a null) is
 * found when the picture is read, and the picture is then drawn as
 * pixels instead (svgload.c), with a warning.
 */
// qpdf's own smart pointers are std::shared_ptr throughout.
#define POINTERHOLDER_TRANSITION 4

#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

extern "C" {
#include "pdf/haru/haru.h"
#include "pdf/svgform.h"
}

struct svg_form {
	std::string		 bytes;	// cairo's PDF: qpdf reads it in place
	QPDF			 q;
	QPDFObjectHandle	 page;
	double			 w = 0, h = 0;
};

namespace {

// The copy of one object graph, or (pdf == nullptr) the check that it
// can be copied.
class Copier {
public:
	explicit Copier(HPDF_Doc pdf) : pdf_(pdf) {}
	bool dict_value(struct haru_dict *d, const std::string &key,
	    QPDFObjectHandle v);
	bool array_value(struct haru_array *a, QPDFObjectHandle v);
	bool fill_dict(struct haru_dict *d, QPDFObjectHandle o,
	    const std::set<std::string> &skip = {});

private:
	struct haru_dict *dict(QPDFObjectHandle o);
	struct haru_dict *stream(QPDFObjectHandle o);
	struct haru_array *array(QPDFObjectHandle o);
	static bool filter_is(QPDFObjectHandle dict, const char *name);

	HPDF_Doc pdf_;
	std::map<QPDFObjGen, void *> made_;	// indirect objects copied
	std::set<QPDFObjGen> seen_;		// checked
	char dummy_ = 0;
	// What a check returns for an object that could be copied.
	struct haru_dict *stand_in()
	{
		return reinterpret_cast<struct haru_dict *>(&dummy_);
	}
};

bool
Copier::filter_is(QPDFObjectHandle dict, const char *name)
{
	QPDFObjectHandle f = dict.getKey("/Filter");

	if (f.isArray() && f.getArrayNItems() == 1)
		f = f.getArrayItem(0);
	return f.isName() && f.getName() == name;
}

struct haru_dict *
Copier::stream(QPDFObjectHandle o)
{
	QPDFObjectHandle d = o.getDict();
	bool dct = filter_is(d, "/DCTDecode");
	bool plain = d.getKey("/Filter").isNull() || filter_is(d,
	    "/FlateDecode");

	if (!dct && !plain)
		return nullptr;
	if (pdf_ == nullptr) {
		// Whether qpdf can decode it (a null pipeline asks only).
		if (!dct && !o.pipeStreamData(nullptr, 0, qpdf_dl_generalized,
		    true, false))
			return nullptr;
		return fill_dict(nullptr, d, { "/Length", "/Filter",
		    "/DecodeParms" }) ? stand_in() : nullptr;
	}
	struct haru_dict *s = haru_stream_new(pdf_, !dct);
	if (s == nullptr)
		return nullptr;
	made_[o.getObjGen()] = s;
	std::shared_ptr<Buffer> b = dct ? o.getRawStreamData() :
	    o.getStreamData(qpdf_dl_generalized);
	int rc = dct ? haru_stream_set_dct(s, b->getBuffer(), b->getSize()) :
	    haru_stream_write(s, b->getBuffer(), b->getSize());
	if (rc != 0 || !fill_dict(s, d, { "/Length", "/Filter",
	    "/DecodeParms" }))
		return nullptr;
	return s;
}

struct haru_dict *
Copier::dict(QPDFObjectHandle o)
{
	if (pdf_ == nullptr)
		return fill_dict(nullptr, o) ? stand_in() : nullptr;
	struct haru_dict *d = haru_dict_new(pdf_, o.isIndirect());
	if (d == nullptr)
		return nullptr;
	if (o.isIndirect())
		made_[o.getObjGen()] = d;
	return fill_dict(d, o) ? d : nullptr;
}

struct haru_array *
Copier::array(QPDFObjectHandle o)
{
	struct haru_array *a = nullptr;

	if (pdf_ != nullptr) {
		if ((a = haru_array_new(pdf_, o.isIndirect())) == nullptr)
			return nullptr;
		if (o.isIndirect())
			made_[o.getObjGen()] = a;
	}
	for (auto &item : o.aitems())
		if (!array_value(a, item))
			return nullptr;
	return pdf_ != nullptr ? a :
	    reinterpret_cast<struct haru_array *>(&dummy_);
}

bool
Copier::fill_dict(struct haru_dict *d, QPDFObjectHandle o,
    const std::set<std::string> &skip)
{
	for (auto &key : o.getKeys())
		if (skip.count(key) == 0 &&
		    !dict_value(d, key, o.getKey(key)))
			return false;
	return true;
}

bool
Copier::dict_value(struct haru_dict *d, const std::string &key,
    QPDFObjectHandle v)
{
	const char *k = key.c_str() + 1;	// without the slash
	bool dry = pdf_ == nullptr;

	// An indirect object copied already (or being checked: a cycle).
	if (v.isIndirect() && (v.isDictionary() || v.isStream() ||
	    v.isArray())) {
		QPDFObjGen og = v.getObjGen();

		if (dry && !seen_.insert(og).second)
			return true;
		if (!dry && made_.count(og) != 0)
			return v.isArray() ? haru_dict_array(d, k,
			    static_cast<struct haru_array *>(made_[og])) == 0 :
			    haru_dict_dict(d, k,
			    static_cast<struct haru_dict *>(made_[og])) == 0;
	}
	if (v.isNull())
		return true;	// a missing entry is null
	if (v.isBool())
		return dry || haru_dict_bool(d, k, v.getBoolValue()) == 0;
	if (v.isInteger())
		return dry || haru_dict_int(d, k, (long)v.getIntValue()) == 0;
	if (v.isReal())
		return dry || haru_dict_real(d, k, v.getNumericValue()) == 0;
	if (v.isName())
		return dry || haru_dict_name(d, k, v.getName().c_str() + 1) ==
		    0;
	if (v.isString()) {
		std::string s = v.getStringValue();

		return s.size() <= 65535 && (dry || haru_dict_bytes(d, k,
		    s.data(), s.size()) == 0);
	}
	if (v.isArray()) {
		struct haru_array *a = array(v);

		return a != nullptr && (dry || haru_dict_array(d, k, a) == 0);
	}
	struct haru_dict *sub = v.isStream() ? stream(v) :
	    v.isDictionary() ? dict(v) : nullptr;
	return sub != nullptr && (dry || haru_dict_dict(d, k, sub) == 0);
}

bool
Copier::array_value(struct haru_array *a, QPDFObjectHandle v)
{
	bool dry = pdf_ == nullptr;

	if (v.isIndirect() && (v.isDictionary() || v.isStream() ||
	    v.isArray())) {
		QPDFObjGen og = v.getObjGen();

		if (dry && !seen_.insert(og).second)
			return true;
		if (!dry && made_.count(og) != 0)
			return v.isArray() ? haru_array_array(a,
			    static_cast<struct haru_array *>(made_[og])) == 0 :
			    haru_array_dict(a,
			    static_cast<struct haru_dict *>(made_[og])) == 0;
	}
	if (v.isBool())
		return dry || haru_array_bool(a, v.getBoolValue()) == 0;
	if (v.isInteger())
		return dry || haru_array_int(a, (long)v.getIntValue()) == 0;
	if (v.isReal())
		return dry || haru_array_real(a, v.getNumericValue()) == 0;
	if (v.isName())
		return dry || haru_array_name(a, v.getName().c_str() + 1) == 0;
	if (v.isString()) {
		std::string s = v.getStringValue();

		return s.size() <= 65535 && (dry || haru_array_bytes(a,
		    s.data(), s.size()) == 0);
	}
	if (v.isArray()) {
		struct haru_array *sub = array(v);

		return sub != nullptr && (dry || haru_array_array(a, sub) == 0);
	}
	// A null in an array would shift what follows it: not copied.
	struct haru_dict *sub = v.isStream() ? stream(v) :
	    v.isDictionary() ? dict(v) : nullptr;
	return sub != nullptr && (dry || haru_array_dict(a, sub) == 0);
}

} // namespace

extern "C" struct svg_form *
svg_form_read(unsigned char *pdf, size_t len, double w, double h)
{
	std::unique_ptr<svg_form> f(new svg_form);

	try {
		f->bytes.assign(reinterpret_cast<char *>(pdf), len);
		f->q.setSuppressWarnings(true);
		f->q.processMemoryFile("svg", f->bytes.data(), f->bytes.size());
		auto pages = QPDFPageDocumentHelper(f->q).getAllPages();
		if (pages.size() != 1)
			return nullptr;
		f->page = pages[0].getObjectHandle();
		f->w = w;
		f->h = h;
		Copier check(nullptr);
		if (!check.dict_value(nullptr, "/Resources",
		    f->page.getKey("/Resources")) ||
		    !check.dict_value(nullptr, "/Group",
		    f->page.getKey("/Group")))
			return nullptr;
	} catch (const std::exception &) {
		return nullptr;
	}
	return f.release();
}

extern "C" HPDF_Image
svg_form_make(HPDF_Doc pdf, struct svg_form *f)
{
	try {
		HPDF_Image form = haru_form_new(pdf);
		struct haru_dict *d = haru_image_dict(form);
		struct haru_array *bbox = haru_array_new(pdf, 0);
		struct haru_array *m = haru_array_new(pdf, 0);
		Pl_Buffer content("content");
		Copier copy(pdf);

		if (form == nullptr || bbox == nullptr || m == nullptr)
			return nullptr;
		// The page's box, drawn into the unit square that
		// HPDF_Page_DrawImage scales to the picture's place.
		haru_array_int(bbox, 0);
		haru_array_int(bbox, 0);
		haru_array_real(bbox, f->w);
		haru_array_real(bbox, f->h);
		haru_array_real(m, 1.0 / f->w);
		haru_array_int(m, 0);
		haru_array_int(m, 0);
		haru_array_real(m, 1.0 / f->h);
		haru_array_int(m, 0);
		haru_array_int(m, 0);
		if (haru_dict_array(d, "BBox", bbox) != 0 ||
		    haru_dict_array(d, "Matrix", m) != 0 ||
		    !copy.dict_value(d, "/Resources",
		    f->page.getKey("/Resources")) ||
		    !copy.dict_value(d, "/Group", f->page.getKey("/Group")))
			return nullptr;
		QPDFPageObjectHelper(f->page).pipeContents(&content);
		std::unique_ptr<Buffer> b(content.getBuffer());
		if (haru_stream_write(d, b->getBuffer(), b->getSize()) != 0)
			return nullptr;
		return form;
	} catch (const std::exception &) {
		return nullptr;
	}
}

extern "C" void
svg_form_free(struct svg_form *f)
{
	delete f;
}

/*
 * The page breaks of the official papers, decided in the page before wkhtmltopdf prints it
 * (report_layout_templates.xml inlines this script in PDFs only; see emulation_report_base.py).
 *
 * wkhtmltopdf without patched Qt (Debian's and Ubuntu's 0.12.6) cuts table rows between two
 * pages, does not repeat a table's header row and does not keep a heading with what follows it.
 * This script walks the paper in reading order, block by block (a table row, a row of its own, a
 * paragraph, a block kept whole such as the closing part with the signature), and before the
 * first block that would cross the bottom of the page it inserts a page break and, when the
 * block is a table row, the table's header row again. Every page break is then one of its own,
 * so that the build's own (wrong) breaks never happen; a patched build prints the same pages.
 *
 * The papers print at true size with every build (emulation_report_base.pdf_scaling), so the
 * height of a page's content is the paper format's, in mm (data-emu-page-mm of the paper),
 * measured in the page's own CSS pixels by a probe 100 mm high.
 *
 * ES5 only: wkhtmltopdf's WebKit is that of 2012.
 */
(function () {
    "use strict";
    var SAFETY_MM = 2; // a little less than a page: the build's rounding must never break first
    var BREAK_STYLE = "page-break-before: always; height: 0; margin: 0; padding: 0; border: 0;";

    function hasClass(el, name) {
        return (" " + (el.className || "") + " ").indexOf(" " + name + " ") >= 0;
    }
    function style(el) {
        return window.getComputedStyle(el, null);
    }
    function rect(el) {
        return el.getBoundingClientRect();
    }
    function elementChildren(el) {
        var out = [];
        for (var i = 0; i < el.children.length; i++) {
            var child = el.children[i];
            var tag = child.tagName;
            if (tag === "SCRIPT" || tag === "STYLE" || tag === "COLGROUP") {
                continue;
            }
            if (style(child).display === "none") {
                continue;
            }
            out.push(child);
        }
        return out;
    }
    function isBlock(el) {
        var display = style(el).display;
        return display !== "inline" && display !== "inline-block" && display !== "none";
    }
    function firstTableLike(el) {
        // the first table or rows of a block (the closing part may start with the last rows)
        if (el.tagName === "TABLE" || hasClass(el, "o_emu_rows")) {
            return el;
        }
        var kids = elementChildren(el);
        for (var i = 0; i < kids.length; i++) {
            if (!isBlock(kids[i])) {
                continue;
            }
            var found = firstTableLike(kids[i]);
            if (found || kids[i].textContent.replace(/\s+/g, "")) {
                return found;
            }
        }
        return null;
    }

    function Paginator(article, pageHeight, first) {
        this.article = article;
        this.pageHeight = pageHeight;
        // the first paper starts at the top of the first page; the others after a page break
        this.pageTop = first ? Math.min(0, rect(article).top) : rect(article).top;
        this.onPage = []; // the units placed on the current page, in order
        this.lastHeader = null; // the header of the table being printed (thead or o_emu_head)
    }

    Paginator.prototype.newPage = function (top) {
        this.pageTop = top;
        this.onPage = [];
    };

    // A unit: {el, node (where a break goes before it), header (what to repeat before it),
    // keep (stays with the next unit), row (a tr: the table is split before it)}
    Paginator.prototype.place = function (unit) {
        var r = rect(unit.el);
        if (r.height === 0 && !unit.keep) {
            return;
        }
        if (r.bottom - this.pageTop <= this.pageHeight || r.top <= this.pageTop + 1) {
            this.onPage.push(unit);
            return;
        }
        if (r.height > this.pageHeight / 3 && !unit.whole) {
            // a long text: let it run on, line by line, to the next page
            this.flowText(unit, r);
            return;
        }
        // the units that stay with this one (a heading, a header row; the last row before a
        // signature) go with it
        var target = unit;
        var index = this.onPage.length;
        if (unit.withPrevious && index > 1) {
            index -= 1;
            target = this.onPage[index];
        }
        while (index > 1 && this.onPage[index - 1].keep) {
            index -= 1;
            target = this.onPage[index];
        }
        if (index === 0 && target !== unit) {
            target = unit;
        }
        var moved = this.onPage.slice(index);
        var top = this.breakBefore(target, target.header || null);
        this.newPage(top);
        this.onPage = moved;
        this.onPage.push(unit);
    };

    Paginator.prototype.flowText = function (unit, r) {
        // the page ends at the top of the first line that crosses its bottom
        var bottom = this.pageTop + this.pageHeight;
        var range = document.createRange();
        range.selectNodeContents(unit.el);
        var lines = range.getClientRects();
        var next = bottom;
        for (var i = 0; i < lines.length; i++) {
            if (lines[i].bottom > bottom && lines[i].top < next) {
                next = lines[i].top;
            }
        }
        this.newPage(Math.min(next, bottom));
        this.onPage.push(unit);
    };

    // Insert a page break before the unit, with header (a thead or a header table) repeated;
    // returns the top of the new page.
    Paginator.prototype.breakBefore = function (unit, header) {
        var doc = unit.el.ownerDocument;
        var mark = doc.createElement("div");
        mark.setAttribute("style", BREAK_STYLE);
        mark.className = "o_emu_page_break";
        if (unit.row) {
            // a row of a table: the rest of the table becomes a table of its own
            var tr = unit.el;
            var table = tr.parentNode;
            while (table && table.tagName !== "TABLE") {
                table = table.parentNode;
            }
            var rest = table.cloneNode(false);
            var cols = table.getElementsByTagName("colgroup");
            if (cols.length) {
                rest.appendChild(cols[0].cloneNode(true));
            }
            if (header && header.tagName === "THEAD") {
                rest.appendChild(header.cloneNode(true));
            }
            var body = doc.createElement("tbody");
            rest.appendChild(body);
            var moving = [];
            for (var node = tr; node; node = node.nextSibling) {
                moving.push(node);
            }
            var section = tr.parentNode;
            for (var s = section.nextSibling; s; s = s.nextSibling) {
                if (s.tagName === "TBODY") {
                    for (var n = s.firstChild; n; n = n.nextSibling) {
                        moving.push(n);
                    }
                } else if (s.tagName === "TFOOT") {
                    moving.push(s);
                }
            }
            for (var m = 0; m < moving.length; m++) {
                if (moving[m].tagName === "TFOOT") {
                    rest.appendChild(moving[m]);
                } else {
                    body.appendChild(moving[m]);
                }
            }
            table.parentNode.insertBefore(mark, table.nextSibling);
            table.parentNode.insertBefore(rest, mark.nextSibling);
            rest.className += " o_emu_continued_page";
            table.className += " o_emu_split";
            unit.el = rest;
            return rect(mark).top;
        }
        unit.node.parentNode.insertBefore(mark, unit.node);
        if (header) {
            var copy;
            if (header.tagName === "THEAD") {
                var source = header.parentNode;
                copy = source.cloneNode(false);
                var colgroups = source.getElementsByTagName("colgroup");
                if (colgroups.length) {
                    copy.appendChild(colgroups[0].cloneNode(true));
                }
                copy.appendChild(header.cloneNode(true));
            } else {
                copy = header.cloneNode(true);
            }
            copy.className += " o_emu_head o_emu_repeated_head";
            unit.node.parentNode.insertBefore(copy, unit.node);
        }
        return rect(mark).top;
    };

    Paginator.prototype.forced = function (el) {
        return style(el).pageBreakBefore === "always";
    };

    Paginator.prototype.walk = function (el) {
        var kids = elementChildren(el);
        for (var i = 0; i < kids.length; i++) {
            this.visit(kids[i]);
        }
    };

    Paginator.prototype.visit = function (el) {
        if (!isBlock(el)) {
            return;
        }
        if (this.forced(el)) {
            this.newPage(rect(el).top);
        }
        var cs = style(el);
        var height = rect(el).height;
        var keep = cs.pageBreakAfter === "avoid";
        if (el.tagName === "TABLE" && hasClass(el, "o_emu_head")) {
            this.lastHeader = el;
            this.place({el: el, node: el, keep: true, whole: true});
            return;
        }
        if (hasClass(el, "o_emu_row")) {
            this.place({el: el, node: el, header: this.lastHeader, whole: true});
            return;
        }
        if (cs.pageBreakInside === "avoid" && height <= this.pageHeight) {
            var first = firstTableLike(el);
            var r = rect(el);
            if (
                el.querySelector("table.o_emu_table, .o_emu_rows") &&
                r.bottom - this.pageTop > this.pageHeight &&
                r.top - this.pageTop < this.pageHeight / 2
            ) {
                // a block with a table that does not fit in what is left of the page, which
                // would be left more than half empty (the title alone on the first page): its
                // rows run on to the next page, whole, under their header row; its last part
                // (the signature) keeps the row before it
                var kids = elementChildren(el);
                if (kids.length > 1) {
                    this.lastOf = kids[kids.length - 1];
                }
                this.walk(el);
                return;
            }
            var header = first && hasClass(first, "o_emu_continued") ? this.lastHeader : null;
            this.place({
                el: el,
                node: el,
                header: header,
                keep: keep,
                whole: true,
                withPrevious: el === this.lastOf,
            });
            return;
        }
        if (el.tagName === "TABLE" && el.rows.length > 1 && !hasClass(el, "o_emu_masthead")) {
            this.walkTable(el);
            return;
        }
        var blocks = false;
        var kids = elementChildren(el);
        for (var i = 0; i < kids.length; i++) {
            if (isBlock(kids[i])) {
                blocks = true;
                break;
            }
        }
        if (blocks && el.tagName !== "TABLE") {
            if (hasClass(el, "o_emu_rows") && hasClass(el, "o_emu_continued")) {
                // the last rows of a table, after its first part: its header goes on
            } else if (hasClass(el, "o_emu_rows")) {
                this.lastHeader = null;
            }
            this.walk(el);
            return;
        }
        this.place({
            el: el,
            node: el,
            keep: keep,
            whole: el.tagName === "TABLE",
            withPrevious: el === this.lastOf,
        });
    };

    Paginator.prototype.walkTable = function (table) {
        var header = table.tHead;
        if (header) {
            this.lastHeader = header;
            this.place({el: header, node: table, keep: true, whole: true});
        } else if (!hasClass(table, "o_emu_continued")) {
            this.lastHeader = null;
        }
        var bodies = table.tBodies;
        var rows = [];
        for (var b = 0; b < bodies.length; b++) {
            for (var r = 0; r < bodies[b].rows.length; r++) {
                rows.push(bodies[b].rows[r]);
            }
        }
        for (var i = 0; i < rows.length; i++) {
            this.place({el: rows[i], node: rows[i], header: this.lastHeader, row: true, whole: true});
        }
        if (table.tFoot) {
            this.place({el: table.tFoot, node: table.tFoot, whole: true});
        }
    };

    function paginate() {
        if (window.emuPaginated) {
            return;
        }
        window.emuPaginated = true;
        var articles = document.querySelectorAll(".o_emu_report[data-emu-page-mm]");
        for (var i = 0; i < articles.length; i++) {
            var article = articles[i];
            var probe = document.createElement("div");
            probe.setAttribute("style", "height: 100mm; width: 1px; position: absolute;");
            article.appendChild(probe);
            var pxPerMm = rect(probe).height / 100;
            article.removeChild(probe);
            var pageHeight = parseFloat(article.getAttribute("data-emu-page-mm")) * pxPerMm;
            if (!(pageHeight > 0)) {
                continue;
            }
            var paginator = new Paginator(article, pageHeight - SAFETY_MM * pxPerMm, i === 0);
            paginator.walk(article);
            article.setAttribute("data-emu-paginated", "1");
        }
    }
    if (document.readyState === "complete") {
        paginate();
    } else {
        window.addEventListener("load", paginate, false);
    }
})();

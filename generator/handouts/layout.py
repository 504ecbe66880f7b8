"""The print layout check: what a reader of the printed handout would see go wrong on a page.

Run on each PDF as it is made (the laid-out pages WeasyPrint writes it from), so the build can warn
that a handout prints badly before anyone sends it out. It finds:

- a page that ends with a heading (its text is on the next page);
- a table row split over two pages, or a table continued on a new page without its header row;
- text running off the page (past the right or bottom margin).
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

HEADINGS = ("h1", "h2", "h3", "h4")


def layout_problems(document) -> list[str]:
    """What is wrong with the laid-out ``document`` (a weasyprint Document), page by page, in plain words."""
    problems: list[str] = []
    row_pages: dict[int, int] = {}
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        right = page.width - page_box.margin_right + 0.5
        bottom = page.height - page_box.margin_bottom + 0.5
        last_block, last_text_block, last_text, group = None, None, "", None
        flow = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
        for top in flow:
            for box in top.descendants():
                if isinstance(box, boxes.BlockBox):
                    last_block = box.element_tag
                if isinstance(box, boxes.TextBox) and box.text.strip():
                    last_text_block, last_text = last_block, box.text.strip()
                    if box.position_x + box.width > right or box.position_y + box.height > bottom:
                        problems.append(f"page {number}: the text '{_short(box.text)}' runs off the page")
                if isinstance(box, boxes.TableRowGroupBox):
                    group = box.element_tag
                if isinstance(box, boxes.TableRowBox) and group != "thead":  # the header row repeats
                    first = row_pages.setdefault(id(box.element), number)
                    if first != number:
                        problems.append(f"page {number}: a table row continues from page {first}")
                if isinstance(box, boxes.TableBox):
                    has_head = any(str(child.tag).endswith("thead") for child in box.element)
                    shown = [group.element_tag for group in box.children]
                    if has_head and "tbody" in shown and "thead" not in shown:
                        problems.append(f"page {number}: a table continues without its header row")
        if last_text_block in HEADINGS:
            problems.append(f"page {number} ends with the heading '{_short(last_text)}', apart from what follows it")
    return problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"

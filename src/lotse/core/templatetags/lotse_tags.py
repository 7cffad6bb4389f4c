"""Template helpers: Bootstrap form fields with accessible errors; audit labels."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

from lotse.core import widgets
from lotse.core.audit import action_label, object_type_label

register = template.Library()


@register.filter
def bs_widget(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    # No autofocus: it skips the skip link and the page heading for keyboard and screen-reader
    # users (Django's login form sets it). Django drops attributes whose value is False.
    attrs: dict[str, str | bool] = {
        "class": f"{widget.attrs.get('class', '')} {css}".strip(),
        "autofocus": False,
    }
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(widget=widgets.fast(widget), attrs=attrs)


register.filter("action_label", action_label)
register.filter("object_type_label", object_type_label)

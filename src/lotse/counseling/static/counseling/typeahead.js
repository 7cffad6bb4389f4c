/* Lotse counseling: topic type-ahead and keyboard saving for the fast entry forms.
 *
 * Progressive enhancement. Without this script the plain <select multiple> works, and the
 * "Find services" button posts the form back to show services. With it:
 * - the topic select becomes a combobox: type, the arrow keys move, Enter adds the topic as a
 *   chip, Backspace in the empty field removes the last chip, Escape closes the list;
 * - the select stays the form's source of truth (hidden), and fires "change" so HTMX refreshes
 *   the service suggestions;
 * - Enter in the service search field searches, Enter in any other field saves the form.
 * Texts come from data-text-* attributes, translated by the template.
 */
(function () {
  "use strict";

  var MAX_MATCHES = 12;
  var counter = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function format(template, value) {
    return (template || "%s").replace("%s", value);
  }

  function enhance(wrapper) {
    var select = wrapper.querySelector("select[multiple]");
    if (!select || select.dataset.enhanced) {
      return;
    }
    select.dataset.enhanced = "1";
    var texts = wrapper.dataset;
    counter += 1;
    var base = select.id || "typeahead-" + counter;
    var items = Array.prototype.map.call(select.options, function (option) {
      var parent = option.parentElement;
      var group = parent && parent.tagName === "OPTGROUP" ? parent.label : "";
      return { option: option, label: option.text, group: group, key: fold(option.text + " " + group) };
    });
    var matches = [];
    var active = -1;

    var label = wrapper.querySelector("label[for='" + select.id + "']");
    var chips = document.createElement("ul");
    chips.className = "list-inline mb-1";
    chips.setAttribute("aria-label", texts.textChosen || "");

    var box = document.createElement("div");
    box.className = "position-relative";
    var input = document.createElement("input");
    input.type = "text";
    input.id = base + "-typeahead";
    input.className = "form-control";
    input.autocomplete = "off";
    input.placeholder = texts.textPlaceholder || "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", base + "-listbox");
    if (select.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", "true");
      input.classList.add("is-invalid");
    }
    var list = document.createElement("ul");
    list.id = base + "-listbox";
    list.className = "list-group position-absolute w-100 shadow z-3";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(input);
    box.appendChild(list);

    var hint = document.createElement("div");
    hint.id = base + "-hint";
    hint.className = "form-text";
    hint.textContent = texts.textHint || "";
    var described = [hint.id];
    if (select.getAttribute("aria-describedby")) {
      described.unshift(select.getAttribute("aria-describedby"));
    }
    input.setAttribute("aria-describedby", described.join(" "));

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    if (label) {
      label.htmlFor = input.id;
      list.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
    select.parentNode.insertBefore(chips, select);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(hint, select);
    select.parentNode.insertBefore(status, select);
    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    var noJsHint = wrapper.querySelector("[data-typeahead-nojs]");
    if (noJsHint) {
      noJsHint.hidden = true;
    }

    function renderChips() {
      chips.textContent = "";
      items.forEach(function (item) {
        if (!item.option.selected) {
          return;
        }
        var li = document.createElement("li");
        li.className = "list-inline-item mb-1";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-primary";
        button.setAttribute("aria-label", format(texts.textRemove, item.label));
        button.appendChild(document.createTextNode(item.label + " "));
        var cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "×";
        button.appendChild(cross);
        button.addEventListener("click", function () {
          toggle(item, false);
          input.focus();
        });
        li.appendChild(button);
        chips.appendChild(li);
      });
      chips.hidden = chips.children.length === 0;
    }

    function toggle(item, on) {
      item.option.selected = on;
      renderChips();
      status.textContent = format(on ? texts.textAdded : texts.textRemoved, item.label);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        var on = i === index;
        li.classList.toggle("active", on);
        li.setAttribute("aria-selected", on ? "true" : "false");
      });
      if (index >= 0 && list.children[index]) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function choose(index) {
      var item = matches[index];
      if (!item) {
        return;
      }
      input.value = "";
      close();
      toggle(item, true);
    }

    function open() {
      var words = fold(input.value.trim()).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) {
        matches = [];
        close();
        return;
      }
      matches = items
        .filter(function (item) {
          return (
            !item.option.selected &&
            !item.option.disabled &&
            words.every(function (word) {
              return item.key.indexOf(word) !== -1;
            })
          );
        })
        .slice(0, MAX_MATCHES);
      if (!matches.length) {
        var none = document.createElement("li");
        none.className = "list-group-item text-body-secondary";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.id = base + "-none";
        none.textContent = texts.textNone || "";
        list.appendChild(none);
      }
      matches.forEach(function (item, index) {
        var li = document.createElement("li");
        li.id = base + "-option-" + index;
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option");
        li.textContent = item.label;
        if (item.group && item.label.indexOf(item.group) !== 0) {
          var group = document.createElement("span");
          group.className = "small text-body-secondary";
          group.textContent = " · " + item.group;
          li.appendChild(group);
        }
        // Keep the focus in the field when a mouse picks an option.
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        li.addEventListener("click", function () {
          choose(index);
        });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(matches.length ? 0 : -1);
    }

    input.addEventListener("input", open);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (event.isComposing) {
        return;
      }
      switch (event.key) {
        case "ArrowDown":
          if (list.hidden) {
            open();
          } else if (matches.length) {
            setActive((active + 1) % matches.length);
          }
          event.preventDefault();
          break;
        case "ArrowUp":
          if (!list.hidden && matches.length) {
            setActive((active - 1 + matches.length) % matches.length);
            event.preventDefault();
          }
          break;
        case "Enter":
          // With text typed, Enter adds a topic; in the empty field it saves the form.
          if (input.value.trim()) {
            event.preventDefault();
            if (active >= 0) {
              choose(active);
            }
          }
          break;
        case "Escape":
          if (!list.hidden || input.value) {
            input.value = "";
            close();
            event.preventDefault();
          }
          break;
        case "Backspace":
          if (!input.value) {
            var chosen = items.filter(function (item) {
              return item.option.selected;
            });
            if (chosen.length) {
              toggle(chosen[chosen.length - 1], false);
              event.preventDefault();
            }
          }
          break;
      }
    });
    renderChips();
  }

  function fastForm(form) {
    var save = form.querySelector("[data-save]");
    var lookupInput = form.querySelector("[data-lookup-input]");
    var lookupButton = form.querySelector("[data-lookup-button]");
    var NOT_SAVING = ["submit", "button", "reset", "file", "image"];

    function lookup() {
      lookupInput.dispatchEvent(new CustomEvent("lookup"));
    }

    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.defaultPrevented || event.isComposing) {
        return;
      }
      var target = event.target;
      if (target.tagName !== "INPUT" || NOT_SAVING.indexOf(target.type) !== -1) {
        return;
      }
      event.preventDefault();
      if (target === lookupInput) {
        lookup();
      } else if (save) {
        // Not the first submit button (which may be "Find services"): the form's Save.
        form.requestSubmit(save);
      }
    });
    if (lookupButton && lookupInput) {
      lookupButton.addEventListener("click", function (event) {
        if (window.htmx) {
          event.preventDefault();
          lookup();
        }
      });
    }
  }

  function init() {
    document.querySelectorAll("div[data-typeahead]").forEach(enhance);
    document.querySelectorAll("form[data-fast-form]").forEach(fastForm);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

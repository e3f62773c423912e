// Starts the admin's rich-text editors (django-prose-editor). The package's own presets
// let Tiptap inject a <style> element, which our Content-Security-Policy refuses; this one
// creates the editor with injectCSS off (the rules are in css/admin-prose-editor.css).
// It adds the buttons that place a video from the site's list and a picture from its
// library, and puts the toolbar in the admin user's language (the admin's JavaScript
// catalogue, loaded before this module, defines window.gettext).
import * as prose from "django-prose-editor/editor";

const ATTRIBUTE = "data-django-prose-editor-campaign";
const gettext = window.gettext || ((text) => text);
const gettext_noop = (text) => text;

// The package passes these to window.gettext itself (its dialogs); listed here so that
// makemessages puts them in our catalogue.
gettext_noop("Add caption");
gettext_noop("Alternative Text");
gettext_noop("Cancel");
gettext_noop("Caption");
gettext_noop("Decimal numbers");
gettext_noop("Edit Figure");
gettext_noop("Edit HTML");
gettext_noop("Edit Image");
gettext_noop("Edit Link");
gettext_noop("Image URL");
gettext_noop("Insert Figure");
gettext_noop("Insert");
gettext_noop("List properties");
gettext_noop("List type");
gettext_noop("Lowercase Roman numerals");
gettext_noop("Lowercase letters");
gettext_noop("Prettify");
gettext_noop("Remove caption");
gettext_noop("Start at");
gettext_noop("Title");
gettext_noop("Toggle fullscreen");
gettext_noop("URL");
gettext_noop("Update");
gettext_noop("Uppercase Roman numerals");
gettext_noop("Uppercase letters");
gettext_noop("Bullets");
gettext_noop("The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.");

// The package's toolbar titles, which it does not translate.
const BUTTON_TITLES = {
  bold: gettext("bold"),
  italic: gettext("italic"),
  "unordered list": gettext("unordered list"),
  "ordered list": gettext("ordered list"),
  blockquote: gettext("blockquote"),
  "insert link": gettext("insert link"),
  "remove link": gettext("remove link"),
  figure: gettext("figure"),
  undo: gettext("undo"),
  redo: gettext("redo"),
  paragraph: gettext("paragraph"),
};

// The names in its paragraph and heading menu.
const BLOCK_NAMES = {
  paragraph: gettext("Paragraph"),
  heading2: gettext("Heading 2"),
  heading3: gettext("Heading 3"),
  heading4: gettext("Heading 4"),
};

function translateToolbar(menubar) {
  for (const button of menubar.querySelectorAll("[title]")) {
    const translated = BUTTON_TITLES[button.title];
    if (translated) {
      button.title = translated;
      button.setAttribute("aria-label", translated);
    }
  }
  for (const option of menubar.querySelectorAll(".prose-menubar__option[data-name]")) {
    const name = BLOCK_NAMES[option.dataset.name];
    if (name && option.firstElementChild) {
      option.firstElementChild.textContent = name;
    }
  }
}

function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name.startsWith("data-") || name.startsWith("aria-") || name === "for") {
      node.setAttribute(name, value);
    } else {
      node[name] = value;
    }
  }
  node.append(...children);
  return node;
}

// Markup for insertContent, built in a document of its own so nothing loads from it.
const scratch = document.implementation.createHTMLDocument("");

function videoParagraph(url) {
  const link = scratch.createElement("a");
  link.setAttribute("href", url);
  link.textContent = url;
  const paragraph = scratch.createElement("p");
  paragraph.append(link);
  return paragraph.outerHTML;
}

function pictureFigure(picture, alt, caption) {
  const image = scratch.createElement("img");
  image.setAttribute("src", picture.src);
  image.setAttribute("alt", alt);
  const figure = scratch.createElement("figure");
  figure.append(image);
  if (caption) {
    const figcaption = scratch.createElement("figcaption");
    figcaption.textContent = caption;
    figure.append(figcaption);
  }
  return figure.outerHTML;
}

async function fetchJSON(url, options = {}) {
  const response = await fetch(url, { credentials: "same-origin", ...options });
  const data = await response.json().catch(() => ({}));
  return { ok: response.ok, data };
}

function pickerDialog(title) {
  const status = element("p", { className: "picker__status", role: "status" });
  const search = element("input", { type: "search", className: "picker__search" });
  const results = element("ul", { className: "picker__results" });
  const cancel = element("button", { type: "button", className: "button", textContent: gettext("Cancel") });
  const dialog = element("dialog", { className: "picker" }, [
    element("h2", { textContent: title }),
    element("label", { className: "picker__label", textContent: gettext("Search") }, [search]),
    results,
    status,
  ]);
  const actions = element("div", { className: "picker__actions" }, [cancel]);
  dialog.append(actions);
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  return { dialog, search, results, status, actions };
}

function choice({ image, text, onChoose }) {
  const button = element("button", { type: "button", className: "picker__choice", "aria-pressed": "false" }, [
    element("img", { src: image, alt: "", width: 120, height: 68, loading: "lazy" }),
    element("span", { textContent: text }),
  ]);
  button.addEventListener("click", () => onChoose(button));
  return element("li", {}, [button]);
}

function searchAs(picker, url, render) {
  let latest = 0;
  async function run() {
    const asked = ++latest;
    const { ok, data } = await fetchJSON(`${url}?${new URLSearchParams({ q: picker.search.value })}`);
    if (asked !== latest) {
      return;
    }
    picker.results.replaceChildren(...(ok ? data.results.map(render) : []));
    picker.status.textContent = ok
      ? (data.results.length ? "" : gettext("Nothing matches."))
      : data.error || gettext("The list could not be loaded.");
  }
  picker.search.addEventListener("input", run);
  run();
}

function openVideoPicker(editor, url) {
  const picker = pickerDialog(gettext("Place a video from the site"));
  searchAs(picker, url, (video) =>
    choice({
      image: video.poster,
      text: `${video.title} (${video.provider})`,
      onChoose() {
        editor.chain().focus().insertContent(videoParagraph(video.url)).run();
        picker.dialog.close();
      },
    }));
  picker.dialog.showModal();
}

function openPicturePicker(editor, urls) {
  const picker = pickerDialog(gettext("Place a picture"));
  let chosen = null;
  const file = element("input", { type: "file", accept: "image/jpeg,image/png,image/gif,image/webp", id: "picker-file" });
  const alt = element("input", { type: "text", id: "picker-alt", required: true, maxLength: 250 });
  const caption = element("input", { type: "text", id: "picker-caption", maxLength: 300 });
  const insert = element("button", { type: "button", className: "button default", textContent: gettext("Insert") });
  picker.results.before(
    element("p", { className: "picker__hint", textContent: gettext("Choose a picture from the library or upload a new one.") }),
  );
  picker.status.before(
    element("div", { className: "picker__fields" }, [
      element("label", { for: "picker-file", textContent: gettext("Upload a new picture") }),
      file,
      element("label", { for: "picker-alt", textContent: gettext("Description for people who cannot see it (required)") }),
      alt,
      element("label", { for: "picker-caption", textContent: gettext("Caption (optional)") }),
      caption,
    ]),
  );
  picker.actions.prepend(insert);
  searchAs(picker, urls.picture, (picture) =>
    choice({
      image: picture.thumbnail,
      text: picture.alt,
      onChoose(button) {
        for (const pressed of picker.results.querySelectorAll("[aria-pressed=true]")) {
          pressed.setAttribute("aria-pressed", "false");
        }
        button.setAttribute("aria-pressed", "true");
        chosen = picture;
        file.value = "";
        alt.value = picture.alt;
      },
    }));
  file.addEventListener("change", () => {
    chosen = null;
    for (const pressed of picker.results.querySelectorAll("[aria-pressed=true]")) {
      pressed.setAttribute("aria-pressed", "false");
    }
  });
  insert.addEventListener("click", async () => {
    const description = alt.value.trim();
    if (!description) {
      picker.status.textContent = gettext("Describe the picture for people who cannot see it.");
      alt.focus();
      return;
    }
    if (file.files.length) {
      const body = new FormData();
      body.append("image", file.files[0]);
      body.append("alt", description);
      const token = document.querySelector("[name=csrfmiddlewaretoken]");
      const { ok, data } = await fetchJSON(urls.upload, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token ? token.value : "" },
      });
      if (!ok) {
        const messages = Object.values(data.errors || {}).flat().map((error) => error.message);
        picker.status.textContent = messages.join(" ") || gettext("The picture could not be uploaded.");
        return;
      }
      chosen = data.picture;
    }
    if (!chosen) {
      picker.status.textContent = gettext("Choose a picture or upload one.");
      return;
    }
    editor.chain().focus().insertContent(pictureFigure(chosen, description, caption.value.trim())).run();
    picker.dialog.close();
  });
  picker.dialog.showModal();
}

function addPickerButtons(editor, menubar, pickers) {
  const buttons = [];
  if (pickers.video) {
    const video = element("button", { type: "button", className: "prose-menubar__button picker-button", textContent: gettext("Video") });
    video.title = gettext("Place a video from the site's video list");
    video.addEventListener("click", () => openVideoPicker(editor, pickers.video));
    buttons.push(video);
  }
  if (pickers.picture && pickers.upload) {
    const picture = element("button", { type: "button", className: "prose-menubar__button picker-button", textContent: gettext("Picture") });
    picture.title = gettext("Place a picture from the site's library or upload one");
    picture.addEventListener("click", () => openPicturePicker(editor, pickers));
    buttons.push(picture);
  }
  if (buttons.length) {
    menubar.append(element("div", { className: "prose-menubar__group" }, buttons));
  }
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = Object.entries(config.extensions || {})
    .filter(([name]) => prose[name])
    .map(([name, options]) =>
      typeof options === "object" ? prose[name].configure(options) : prose[name]);
  const disabled = textarea.hasAttribute("disabled");
  // The field's <label> names the hidden textarea; the editable area takes its name.
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new prose.Editor({
    element: wrapper,
    editable: !disabled,
    extensions: extensions,
    content: textarea.value,
    injectCSS: false,
    editorProps: {
      attributes: label ? { "aria-label": label.textContent.replace(/:\s*$/, "").trim() } : {},
    },
    onUpdate({ editor }) {
      textarea.value = editor.getHTML();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  // "create" fires after the extensions (the toolbar among them) have started.
  editor.on("create", () => {
    const menubar = wrapper.querySelector(".prose-menubar");
    if (menubar) {
      translateToolbar(menubar);
      if (!disabled) {
        addPickerButtons(editor, menubar, config.pickers || {});
      }
    }
  });
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);

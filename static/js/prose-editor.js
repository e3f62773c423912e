// Starts the admin's rich-text editors (django-prose-editor). The package's own presets
// let Tiptap inject a <style> element, which our Content-Security-Policy refuses; this one
// creates the editor with injectCSS off (the rules are in css/admin-prose-editor.css).
import * as prose from "django-prose-editor/editor";

const ATTRIBUTE = "data-django-prose-editor-campaign";

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
  return new prose.Editor({
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
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);

// Saving and copying, without any server round trip: a file is made in the browser from a
// Blob and an object URL (the Content-Security-Policy allows it), copied text goes through
// the Clipboard API. Nothing is kept in localStorage or sessionStorage.

/** Offers `blob` as a download called `fileName`. */
export function saveFile(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  // `download` also tells our router to leave the click to the browser.
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The browser has what it needs once the click has been handled; free the memory soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies `text`; false when the browser would not (no permission, an older browser). */
export async function copyText(text: string, clipboard: Clipboard | undefined = globalThis.navigator?.clipboard): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

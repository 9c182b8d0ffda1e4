/** Hands a Blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  // Revoking right away can cancel a large download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

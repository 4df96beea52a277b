import { useEffect, useRef, useSyncExternalStore } from 'react';
import { openFiles } from '../../store/actions';
import { acceptedExtensions, onImportersChange } from '../../store/importers';

let picker: HTMLInputElement | null = null;

/** Opens the file picker ("Open…"); the chosen files go through `openFiles`. */
export function pickFiles(): void {
  picker?.click();
}

/** The hidden file input behind "Open…"; accepts what the registered importers read. */
export function FileInput() {
  const ref = useRef<HTMLInputElement>(null);
  const accept = useSyncExternalStore(onImportersChange, acceptedExtensions, acceptedExtensions);
  useEffect(() => {
    picker = ref.current;
    return () => {
      picker = null;
    };
  }, []);
  return (
    <input
      ref={ref}
      type="file"
      multiple
      accept={accept}
      hidden
      data-testid="io.file-input"
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = '';
        if (files.length) void openFiles(files);
      }}
    />
  );
}

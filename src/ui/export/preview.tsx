/** The read-only preview of one exported file: the designer's lazy code view, with more languages. */
import CodeView from '../editor/code-view';
import { languageOf } from './preview-languages';

export default function FilePreview({ path, content }: { path: string; content: string }) {
  return <CodeView value={content} language={languageOf(path)} testId="export.preview" />;
}

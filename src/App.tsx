import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Canvas } from './ui/canvas/canvas';
import { DialogHost } from './ui/dialogs/dialog-host';
import { Dock } from './ui/dock/dock';
import { Inspector } from './ui/inspector/inspector';
import { FileInput } from './ui/io/file-input';
import { Palette } from './ui/palette/palette';
import { Notices } from './ui/shell/notices';
import { useCommandShortcuts } from './ui/shell/use-shortcuts';
import { Toolbar } from './ui/toolbar/toolbar';
import './ui/shell/shell.css';

/** The app shell: toolbar; palette | canvas over the dock | inspector; dialogs and notices on top. */
export function App() {
  useCommandShortcuts();
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <div className="workspace">
          <Palette />
          <main className="center">
            <Canvas />
            <Dock />
          </main>
          <Inspector />
        </div>
        <DialogHost />
        <Notices />
        <FileInput />
      </div>
    </ReactFlowProvider>
  );
}

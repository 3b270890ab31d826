import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isFatalLinkError, recipientMessage, type LinkInfo, type LinkVersionList, type RecipientApi } from '../api/recipient';
import { appendPage } from '../api/versions';
import { downloadCapability, prepareSave } from '../download/saveToDisk';
import { PreviewPane } from '../preview/PreviewPane';
import { checkFileFormat } from './formatCheck';
import { openLinkFile, openVersions, plaintextOf, recipientPreviewSource, type OpenedLinkFile, type OpenedVersion } from './linkFile';
import { followLinkEvents, type VersionAdded } from './liveEvents';
import { uploadVersion } from './versionUpload';
import { VersionPanel, type UploadStatus } from './VersionPanel';
import { LiveBanner } from './LiveBanner';
import { formatBytes } from '../app/format';

interface Loaded {
  info: LinkInfo;
  file: OpenedLinkFile;
  /** The first page from LinkInfo, then each older page the recipient asked for. */
  versions: OpenedVersion[];
  /** The counts and cursor of the last page read. */
  page: Omit<LinkVersionList, 'versions'>;
}

type Notice = { kind: 'ok' | 'error' | 'info'; text: string } | null;

/** The file of a link: card, preview, download, versions with upload by button or drop, and the live banner. */
export function LinkFileView({ api, secret, onClosed }: { api: RecipientApi; secret: Uint8Array; onClosed: (error: unknown) => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [downloading, setDownloading] = useState<number | null>(null);
  const [upload, setUpload] = useState<UploadStatus | null>(null);
  const [banner, setBanner] = useState<VersionAdded | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const mine = useRef(new Set<number>());

  const fail = useCallback(
    (error: unknown) => {
      if (isFatalLinkError(error) || (error instanceof Error && 'errorCode' in error && error.errorCode === 'link-session-required')) onClosed(error);
      else setNotice({ kind: 'error', text: recipientMessage(error) });
    },
    [onClosed],
  );

  const load = useCallback(async () => {
    try {
      const info = await api.info();
      const file = await openLinkFile(secret, info);
      const { versions: firstPage, ...page } = info.versions;
      const versions = await openVersions(file, firstPage);
      setLoaded({ info, file, versions, page });
      setBanner(null);
      setPreviewing((p) => (p === null || versions.some((v) => v.version.number === p) ? p : null));
    } catch (error) {
      if (error instanceof Error && !('errorCode' in error)) setProblem(`The file could not be decrypted with this link (${error.message}). Check that you copied the whole address.`);
      else fail(error);
    }
  }, [api, secret, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const showOlder = async () => {
    if (!loaded || loaded.page.nextBefore === null) return;
    setLoadingOlder(true);
    try {
      const older = await api.versions(loaded.page.nextBefore);
      const opened = await openVersions(loaded.file, older.versions);
      const { versions, ...page } = appendPage(loaded.versions, { ...older, versions: opened }, (v) => v.version.number);
      // A reload (a new version, make it current) may have replaced the list meanwhile; then this page is stale.
      setLoaded((current) => (current === loaded ? { ...loaded, versions, page } : current));
    } catch (error) {
      fail(error);
    } finally {
      setLoadingOlder(false);
    }
  };

  // The stream outlives renders; the latest onClosed is read through a ref so a new callback does not restart it.
  const closed = useRef(onClosed);
  closed.current = onClosed;
  useEffect(() => {
    const abort = new AbortController();
    void followLinkEvents(
      api,
      (event) => {
        if (!mine.current.has(event.number)) setBanner(event);
      },
      (error) => closed.current(error),
      abort.signal,
    );
    return () => abort.abort();
  }, [api]);

  if (problem) {
    return (
      <section class="card problem" role="alert">
        <h1>This file cannot be opened</h1>
        <p>{problem}</p>
      </section>
    );
  }
  if (!loaded) {
    return (
      <section class="card" aria-busy="true">
        <p class="muted" role="status">Decrypting the file’s details…</p>
      </section>
    );
  }

  const { info, file, versions } = loaded;
  const current = versions[0]!;
  const shown = versions.find((v) => v.version.number === previewing) ?? null;

  const download = async (opened: OpenedVersion) => {
    if (!opened.meta) return setNotice({ kind: 'error', text: opened.problem ?? 'This version cannot be opened.' });
    setNotice(null);
    try {
      const capability = await downloadCapability(opened.meta.size);
      if (capability.method === null) return setNotice({ kind: 'error', text: capability.reason });
      const save = await prepareSave({ fileName: file.name, size: opened.meta.size, mediaType: opened.meta.mediaType }, capability);
      setDownloading(opened.version.number);
      await save(await plaintextOf(api, file, opened, 'download'));
      setNotice({ kind: 'ok', text: `Version ${opened.version.number} was decrypted and checked: ${formatBytes(opened.meta.size)}, hashes match.` });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      fail(error);
    } finally {
      setDownloading(null);
    }
  };

  const makeCurrent = async (opened: OpenedVersion) => {
    setNotice(null);
    try {
      const result = await api.makeCurrent(opened.version.number);
      mine.current.add(result.version.number);
      setNotice({ kind: 'ok', text: `Version ${opened.version.number} is current again, as version ${result.version.number}.` });
      await load();
    } catch (error) {
      fail(error);
    }
  };

  const uploadFile = async (chosen: File) => {
    setNotice(null);
    const verdict = await checkFileFormat(file.extension, chosen);
    if (!verdict.ok) {
      setUpload(null);
      setNotice({ kind: 'error', text: verdict.message });
      return;
    }
    const basedOn = current.version.number;
    setUpload({ name: chosen.name, sent: 0, total: 1, phase: 'uploading' });
    try {
      const { response, resumedFrom } = await uploadVersion({
        api,
        fileId: file.fileId,
        fileKey: file.fileKey,
        uploader: info.email ?? '',
        basedOn,
        file: chosen,
        onProgress: (sent, total) => setUpload((u) => u && { ...u, sent, total }),
        onPhase: (phase) => setUpload((u) => u && { ...u, phase }),
      });
      mine.current.add(response.version.number);
      const resumed = resumedFrom > 0 ? ` (resumed at ${formatBytes(resumedFrom)})` : '';
      setNotice(
        response.basedOnLatest
          ? { kind: 'ok', text: `“${chosen.name}” is now version ${response.version.number}${resumed}.` }
          : {
              kind: 'info',
              text: `“${chosen.name}” is version ${response.version.number}${resumed}, but someone added version ${response.latestBefore} while you worked on version ${basedOn}: check that their changes are not lost.`,
            },
      );
      await load();
    } catch (error) {
      fail(error);
    } finally {
      setUpload(null);
    }
  };

  const canPreview = !!current.meta;
  return (
    <>
      {banner && <LiveBanner event={banner} onRefresh={() => void load()} onDismiss={() => setBanner(null)} />}
      <section class="card file-card" aria-labelledby="file-name" data-testid="file-card">
        <p class="eyebrow">{info.cooperative ? 'Shared with you to view and update' : 'Shared with you'}</p>
        <h1 id="file-name" class="file-name" data-testid="file-name">
          {file.name}
        </h1>
        <dl class="facts">
          <div>
            <dt>Size</dt>
            <dd data-testid="file-size">{current.meta ? formatBytes(current.meta.size) : '—'}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{current.meta?.mediaType ?? (file.extension ? `.${file.extension}` : 'unknown')}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd data-testid="current-version">{current.version.number}</dd>
          </div>
          {info.email && (
            <div>
              <dt>You are</dt>
              <dd>{info.email}</dd>
            </div>
          )}
        </dl>
        <div class="row actions">
          <button type="button" class="primary" disabled={!canPreview} onClick={() => setPreviewing(current.version.number)} data-testid="preview-button">
            Preview
          </button>
          {info.canDownload ? (
            <button type="button" disabled={downloading !== null || !canPreview} onClick={() => void download(current)} data-testid="download-button">
              {downloading === current.version.number ? 'Downloading…' : 'Download'}
            </button>
          ) : (
            <p class="muted">The owner allows previews only: downloads are turned off for this link.</p>
          )}
        </div>
        {current.problem && <p class="error">{current.problem}</p>}
        {notice && (
          <p class={notice.kind === 'error' ? 'error' : notice.kind === 'ok' ? 'ok' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="file-notice">
            {notice.text}
          </p>
        )}
      </section>
      {shown?.meta && (
        <PreviewPane
          key={shown.version.number}
          source={recipientPreviewSource(api, file, { ...shown, meta: shown.meta })}
          watermark={info.watermark && !info.cooperative ? info.email ?? 'unverified viewer' : null}
          onClose={() => setPreviewing(null)}
          onDownload={info.canDownload ? () => void download(shown) : undefined}
        />
      )}
      <VersionPanel
        versions={versions}
        hiddenCount={loaded.page.hiddenCount}
        page={loaded.page}
        loadingOlder={loadingOlder}
        onShowOlder={() => void showOlder()}
        canDownload={info.canDownload}
        canUpload={info.canUpload}
        extension={file.extension}
        upload={upload}
        downloading={downloading}
        onPreview={(v) => setPreviewing(v.version.number)}
        onDownload={(v) => void download(v)}
        onMakeCurrent={(v) => void makeCurrent(v)}
        onUpload={(f) => void uploadFile(f)}
      />
    </>
  );
}

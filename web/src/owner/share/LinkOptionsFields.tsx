import { availability, openLimitAvailable, type LinkOptionsForm, type ToggleOption } from './linkOptions';

const toggles: { option: ToggleOption; label: string; hint: string }[] = [
  { option: 'accessLog', label: 'Access log', hint: 'Record every open, verification, preview, download and upload in a tamper-evident log.' },
  { option: 'requireEmail', label: 'Require email', hint: 'Recipients confirm their email with a one-time code before they see the file.' },
  { option: 'disableDownload', label: 'Disable download', hint: 'Hide the download button (a recipient who previews still receives the bytes).' },
  { option: 'watermark', label: 'Watermark', hint: "Overlay the recipient's email on previews." },
  { option: 'notifyOwner', label: 'Email me when the link is opened or updated', hint: 'A short digest when recipients open the link or upload a version.' },
];

const notes: Record<'forced-on' | 'unavailable', (option: ToggleOption) => string> = {
  'forced-on': () => 'Always on for links that can modify.',
  unavailable: (option) => (option === 'notifyOwner' ? 'Only links that can modify receive new versions.' : 'Not available on links that can modify: recipients need the file to edit it.'),
};

/** The option controls of a link; forced options show checked and disabled, unavailable ones unchecked and disabled, each with why. */
export function LinkOptionsFields({ form, onChange, idPrefix }: { form: LinkOptionsForm; onChange: (f: LinkOptionsForm) => void; idPrefix: string }) {
  return (
    <fieldset class="options">
      <legend>Options</legend>
      {toggles.map(({ option, label, hint }) => {
        const a = availability(form.permission, option);
        const id = `${idPrefix}-${option}`;
        return (
          <div class={`option ${a}`} key={option}>
            <input
              id={id}
              type="checkbox"
              checked={form[option]}
              disabled={a !== 'editable'}
              aria-describedby={`${id}-hint`}
              onChange={(e) => onChange({ ...form, [option]: e.currentTarget.checked })}
            />
            <label for={id}>{label}</label>
            <p id={`${id}-hint`} class="hint">
              {a === 'editable' ? hint : notes[a](option)}
            </p>
          </div>
        );
      })}
      <div class="field">
        <label for={`${idPrefix}-expiry`}>Expires after (days)</label>
        <input
          id={`${idPrefix}-expiry`}
          inputMode="numeric"
          placeholder="never / organization default"
          value={form.expiryDays}
          aria-describedby={`${idPrefix}-expiry-hint`}
          onInput={(e) => onChange({ ...form, expiryDays: e.currentTarget.value })}
        />
        <p id={`${idPrefix}-expiry-hint`} class="hint">
          Empty: no expiry, or your organization's default.
        </p>
      </div>
      {openLimitAvailable(form.permission) && (
        <div class="field">
          <label for={`${idPrefix}-open-limit`}>Open limit</label>
          <input
            id={`${idPrefix}-open-limit`}
            inputMode="numeric"
            placeholder="unlimited"
            value={form.openLimit}
            onInput={(e) => onChange({ ...form, openLimit: e.currentTarget.value })}
          />
        </div>
      )}
    </fieldset>
  );
}

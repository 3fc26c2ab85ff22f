/**
 * The in-call settings menu: a `settings-button` that opens one `device-select` for the microphone
 * and, where the browser can choose it (`setSinkId`), one for the speaker; a choice switches live. A directive that
 * keeps its own open/closed state and the device list, so the element needs no store for it. Where the Device
 * cannot choose devices at all, the menu says nothing and shows no selects.
 */
import { css, html, nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import type { AudioDevice, AudioDeviceList } from '../call/device.js';
import type { DeviceChoice } from '../state/call-state.js';
import type { Strings } from './i18n.js';

export interface DeviceSettingsProps {
  t: Strings;
  /** The call's devices, after switching to `select` if given; null where they cannot be chosen. */
  devices(select?: DeviceChoice): Promise<AudioDeviceList | null>;
}

class DeviceSettings extends AsyncDirective {
  #props: DeviceSettingsProps | undefined;
  #open = false;
  #list: AudioDeviceList | null = null;

  render(props: DeviceSettingsProps) {
    this.#props = props;
    return this.#template(props);
  }

  async #refresh(select?: DeviceChoice): Promise<void> {
    const props = this.#props;
    if (!props) return;
    this.#list = await props.devices(select);
    if (this.isConnected) this.setValue(this.#template(props));
  }

  #toggle = () => {
    this.#open = !this.#open;
    if (this.#props) this.setValue(this.#template(this.#props));
    if (this.#open) void this.#refresh();
  };

  #choose(kind: DeviceChoice['kind'], event: Event): void {
    void this.#refresh({ kind, id: (event.currentTarget as HTMLSelectElement).value });
  }

  #template({ t }: DeviceSettingsProps) {
    const list = this.#list;
    return html`<button
        type="button"
        class="settings"
        part="settings-button"
        aria-expanded=${this.#open ? 'true' : 'false'}
        aria-controls="device-settings"
        aria-label=${t.settings}
        @click=${this.#toggle}
      >
        ${gear}
      </button>
      <div id="device-settings" class="device-settings" ?hidden=${!this.#open}>
        ${list ? this.#select('input', t.microphone, list.inputs, list.input) : nothing}
        ${list?.outputs?.length ? this.#select('output', t.speaker, list.outputs, list.output) : nothing}
      </div>`;
  }

  #select(kind: DeviceChoice['kind'], label: string, devices: AudioDevice[], current: string | null) {
    return html`<label class="device">
      <span>${label}</span>
      <select part="device-select" data-kind=${kind} @change=${(event: Event) => this.#choose(kind, event)}>
        ${devices.map(
          (device, index) =>
            html`<option value=${device.id} ?selected=${device.id === current}>
              ${device.label || `${label} ${index + 1}`}
            </option>`,
        )}
      </select>
    </label>`;
  }
}

export const deviceSettings = directive(DeviceSettings);

const gear = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path
    d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.3 7.3 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.3 7.3 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.3 7.3 0 0 0 1.7 1L11 21h4l.4-2.9a7.3 7.3 0 0 0 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
  />
</svg>`;

export const deviceSettingsStyles = css`
  [part='settings-button'] {
    display: inline-grid;
    place-items: center;
    width: 42px;
    height: 42px;
    padding: 0;
    background: transparent;
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  [part='settings-button'][aria-expanded='true'] {
    background: color-mix(in srgb, var(--_text) 10%, transparent);
  }
  [part='settings-button'] svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  .device-settings {
    flex-basis: 100%;
    display: grid;
    gap: 8px;
  }
  .device {
    display: grid;
    gap: 4px;
    font-size: 12px;
    color: var(--_muted-text);
  }
  /* Its look is the panel's form-field rule (panel-styles.ts). */
  [part='device-select'] {
    min-width: 0;
  }
`;

/** German UI strings, a chunk of their own: loaded only on pages that ask for German. */
import type { Strings } from './en.js';

const de: Strings = {
  launcher: 'Sprechen Sie mit uns',
  close: 'Schließen',
  call: 'Anruf starten',
  end: 'Auflegen',
  mute: 'Mikrofon stummschalten',
  unmute: 'Mikrofon einschalten',
  retry: 'Erneut versuchen',
  retryIn: (seconds: number) => `Erneut versuchen in ${seconds} s`,
  agree: 'Zustimmen und anrufen',
  decline: 'Jetzt nicht',
  consent: 'Für diesen Anruf wird Ihr Mikrofon verwendet. Bitte stimmen Sie zu, bevor wir Sie verbinden.',
  signIn: 'Bitte melden Sie sich an, um mit diesem Assistenten zu sprechen.',
  transcript: 'Transkript',
  you: 'Sie',
  meter: 'Audiopegel',
  elapsed: 'Gesprächsdauer',
  remaining: (seconds: number) => `Noch ${seconds} s`,
  status: {
    idle: '',
    loading: 'Wird geladen…',
    ready: 'Bereit, wenn Sie es sind.',
    unavailable: 'Derzeit nicht verfügbar.',
    connecting: 'Verbindung wird hergestellt…',
    ringing: 'Es klingelt…',
    connected: 'Verbunden. Sie können jetzt sprechen.',
    reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
    ended: 'Anruf beendet.',
    error: 'Etwas ist schiefgelaufen.',
  },
  errors: {
    invalid_key: 'Dieser Assistent ist auf dieser Website nicht richtig eingerichtet.',
    secret_key_in_page: 'Dieser Assistent ist auf dieser Website nicht richtig eingerichtet.',
    origin_not_allowed: 'Diese Website darf diesen Assistenten nicht verwenden.',
    key_disabled: 'Dieser Assistent wurde für diese Website deaktiviert.',
    agent_not_found: 'Dieser Assistent wurde nicht gefunden.',
    agent_not_active: 'Dieser Assistent nimmt gerade keine Anrufe an.',
    widget_disabled: 'Dieser Assistent ist im Web nicht verfügbar.',
    sign_in_required: 'Bitte melden Sie sich an, um mit diesem Assistenten zu sprechen.',
    rate_limited: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
    cost_cap: 'Alle Leitungen sind gerade belegt. Bitte versuchen Sie es später noch einmal.',
    network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    server_error: 'Auf dem Server ist ein Problem aufgetreten. Bitte versuchen Sie es erneut.',
    invalid_response: 'Der Server hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
    mic_denied:
      'Der Mikrofonzugriff wurde blockiert. Erlauben Sie ihn in den Website-Einstellungen Ihres Browsers und versuchen Sie es erneut.',
    mic_unavailable:
      'Es konnte kein Mikrofon verwendet werden. Prüfen Sie, ob eines angeschlossen und frei ist, und versuchen Sie es erneut.',
    browser_unsupported:
      'Dieser Browser unterstützt keine Sprachanrufe. Bitte verwenden Sie ein aktuelles Chrome, Edge, Firefox oder Safari.',
    call_failed: 'Der Anruf konnte nicht verbunden werden. Bitte versuchen Sie es erneut.',
    call_dropped: 'Der Anruf wurde unterbrochen. Bitte versuchen Sie es erneut.',
  },
  conversation: {
    typeInstead: 'Per Text fortfahren',
    typeInsteadHint: 'Sie hören den Assistenten und können schriftlich antworten.',
    message: 'Nachricht',
    placeholder: 'Nachricht eingeben…',
    send: 'Senden',
  },
};

export default de;

/** Italian UI strings, a chunk of their own: loaded only on pages that ask for Italian. */
import type { Strings } from './en.js';

const it: Strings = {
  launcher: 'Parla con noi',
  close: 'Chiudi',
  call: 'Avvia chiamata',
  end: 'Termina chiamata',
  mute: 'Disattiva microfono',
  unmute: 'Attiva microfono',
  retry: 'Riprova',
  retryIn: (seconds: number) => `Riprova tra ${seconds} s`,
  agree: 'Accetta e chiama',
  decline: 'Non ora',
  consent: 'Questa chiamata usa il tuo microfono. Dai il tuo consenso prima che ti mettiamo in contatto.',
  signIn: 'Accedi per parlare con questo assistente.',
  transcript: 'Trascrizione',
  you: 'Tu',
  meter: 'Livello audio',
  elapsed: 'Durata chiamata',
  remaining: (seconds: number) => `Ancora ${seconds} s`,
  status: {
    idle: '',
    loading: 'Caricamento…',
    ready: 'Pronto quando vuoi.',
    unavailable: 'Non disponibile al momento.',
    connecting: 'Connessione in corso…',
    ringing: 'Squilla…',
    connected: 'Connesso. Puoi parlare.',
    reconnecting: 'Connessione persa. Riconnessione…',
    ended: 'Chiamata terminata.',
    error: 'Si è verificato un problema.',
  },
  errors: {
    invalid_key: 'Questo assistente non è configurato correttamente su questo sito.',
    secret_key_in_page: 'Questo assistente non è configurato correttamente su questo sito.',
    origin_not_allowed: 'Questo sito non è autorizzato a usare questo assistente.',
    key_disabled: 'Questo assistente è stato disattivato per questo sito.',
    agent_not_found: 'Impossibile trovare questo assistente.',
    agent_not_active: 'Al momento questo assistente non accetta chiamate.',
    widget_disabled: 'Questo assistente non è disponibile sul web.',
    sign_in_required: 'Accedi per parlare con questo assistente.',
    rate_limited: 'Troppe richieste. Attendi un momento e riprova.',
    cost_cap: 'Tutte le linee sono occupate. Riprova più tardi.',
    network: 'Impossibile raggiungere il server. Controlla la connessione e riprova.',
    server_error: 'Il server ha avuto un problema. Riprova.',
    invalid_response: 'Il server ha inviato una risposta inattesa. Riprova.',
    mic_denied:
      'L’accesso al microfono è stato bloccato. Consentilo nelle impostazioni del sito del browser, poi riprova.',
    mic_unavailable: 'Nessun microfono utilizzabile. Verifica che sia collegato e non in uso, poi riprova.',
    browser_unsupported:
      'Questo browser non supporta le chiamate vocali. Prova una versione recente di Chrome, Edge, Firefox o Safari.',
    call_failed: 'Impossibile collegare la chiamata. Riprova.',
    call_dropped: 'La chiamata si è interrotta. Riprova.',
  },
};

export default it;

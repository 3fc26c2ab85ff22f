/** Polish UI strings, a chunk of their own: loaded only on pages that ask for Polish. */
import type { Strings } from './en.js';

const pl: Strings = {
  launcher: 'Porozmawiaj z nami',
  close: 'Zamknij',
  call: 'Rozpocznij rozmowę',
  end: 'Zakończ rozmowę',
  mute: 'Wycisz mikrofon',
  unmute: 'Włącz mikrofon',
  retry: 'Spróbuj ponownie',
  retryIn: (seconds: number) => `Spróbuj ponownie za ${seconds} s`,
  agree: 'Zgadzam się, połącz',
  decline: 'Nie teraz',
  consent: 'Ta rozmowa korzysta z Twojego mikrofonu. Wyraź zgodę, zanim Cię połączymy.',
  signIn: 'Zaloguj się, aby porozmawiać z tym asystentem.',
  transcript: 'Transkrypcja',
  you: 'Ty',
  meter: 'Poziom dźwięku',
  elapsed: 'Czas rozmowy',
  remaining: (seconds: number) => `Zostało ${seconds} s`,
  status: {
    idle: '',
    loading: 'Ładowanie…',
    ready: 'Gotowe, gdy tylko zechcesz.',
    unavailable: 'Obecnie niedostępne.',
    connecting: 'Łączenie…',
    ringing: 'Dzwonienie…',
    connected: 'Połączono. Możesz mówić.',
    reconnecting: 'Utracono połączenie. Ponowne łączenie…',
    ended: 'Rozmowa zakończona.',
    error: 'Coś poszło nie tak.',
  },
  errors: {
    invalid_key: 'Ten asystent nie jest poprawnie skonfigurowany w tej witrynie.',
    secret_key_in_page: 'Ten asystent nie jest poprawnie skonfigurowany w tej witrynie.',
    origin_not_allowed: 'Ta witryna nie ma uprawnień do korzystania z tego asystenta.',
    key_disabled: 'Ten asystent został wyłączony dla tej witryny.',
    agent_not_found: 'Nie znaleziono tego asystenta.',
    agent_not_active: 'Ten asystent nie przyjmuje teraz rozmów.',
    widget_disabled: 'Ten asystent nie jest dostępny w internecie.',
    sign_in_required: 'Zaloguj się, aby porozmawiać z tym asystentem.',
    rate_limited: 'Zbyt wiele żądań. Poczekaj chwilę i spróbuj ponownie.',
    cost_cap: 'Wszystkie linie są zajęte. Spróbuj ponownie później.',
    network: 'Nie udało się połączyć z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    server_error: 'Wystąpił problem z serwerem. Spróbuj ponownie.',
    invalid_response: 'Serwer wysłał nieoczekiwaną odpowiedź. Spróbuj ponownie.',
    mic_denied:
      'Dostęp do mikrofonu został zablokowany. Zezwól na niego w ustawieniach witryny w przeglądarce i spróbuj ponownie.',
    mic_unavailable: 'Nie udało się użyć mikrofonu. Sprawdź, czy jest podłączony i nieużywany, i spróbuj ponownie.',
    browser_unsupported:
      'Ta przeglądarka nie obsługuje rozmów głosowych. Użyj aktualnej wersji Chrome, Edge, Firefox lub Safari.',
    call_failed: 'Nie udało się nawiązać połączenia. Spróbuj ponownie.',
    call_dropped: 'Połączenie zostało przerwane. Spróbuj ponownie.',
  },
};

export default pl;

/** German catalogue (same keys and placeholders as `en.ts`; the `Catalogue` type enforces the shape). */
import type { Catalogue } from '../catalogue.ts';

export const de: Catalogue = {
  commands: {
    imagine: {
      description: 'Ein Bild mit KI umgestalten',
      options: {
        image: { label: 'Bild', description: 'Das Bild, das umgestaltet werden soll (PNG, JPEG oder WebP)' },
        style: { label: 'Stil', description: 'Eine Stilvorlage' },
        prompt: { label: 'Prompt', description: 'Was geändert oder ergänzt werden soll (optional)' },
      },
    },
    jobs: { description: 'Deine letzten Bildaufträge: Status, abbrechen, neu starten' },
    help: { description: 'So benutzt du den Bild-Bot' },
    account: {
      description: 'Dein Tarif, deine Credits und verknüpfte Konten',
      subcommands: {
        status: { description: 'Zeigt deinen Tarif, deine Credits und verknüpfte Chat-Konten' },
        link: {
          description:
            'Dieses Chat-Konto mit deinem ImageGen-Konto verknüpfen (eine Person für Discord und Slack)',
        },
        unlink: { description: 'Die Verknüpfung dieses Chat-Kontos mit deinem ImageGen-Konto lösen' },
        billing: { description: 'Abo, Karte und Rechnungen verwalten (Stripe-Kundenportal)' },
      },
    },
    subscribe: {
      description: 'Einen Tarif (mehr Bilder, schnellere Warteschlange) oder ein Credit-Paket kaufen',
      options: {
        plan: {
          description: 'Was du kaufen möchtest',
          choices: {
            pro: 'Pro — monatliche Credits, 4 parallele Aufträge',
            studio: 'Studio — die meisten Credits, 8 parallele Aufträge',
            credits: 'Credit-Paket — einmalig',
          },
        },
      },
    },
    budget: {
      description: 'Das tägliche Bildbudget dieses Servers (Admins können es ändern)',
      subcommands: {
        show: { description: 'Zeigt das tägliche Bildbudget dieses Servers' },
        set: {
          description: 'Festlegen, wie viele Bilder dieser Server pro Tag erstellen darf (nur Admins)',
          options: {
            limit: {
              description: 'Bilder pro Tag für den ganzen Server (0 schaltet die Erstellung hier ab)',
            },
          },
        },
        clear: { description: 'Das tägliche Budget dieses Servers entfernen (nur Admins)' },
      },
    },
    privacy: {
      description: 'Deine Daten: was wir speichern, Export, Löschung, Einwilligungen, Korrekturen',
      subcommands: {
        show: {
          description: 'Was wir über dich speichern, deine Einwilligungen und wen du kontaktieren kannst',
        },
        export: { description: 'Einen Download-Link zu einer Kopie all deiner Daten und Bilder erhalten' },
        delete: {
          description: 'Alle deine Daten löschen (mit Bestätigung)',
          options: {
            immediate: { description: 'Deine Bilder sofort löschen statt nach 90 Tagen' },
            confirm: { description: 'Gib DELETE ein, um die Bestätigungsschaltfläche zu überspringen' },
          },
        },
        consent: {
          description: 'Einwilligung erteilen oder widerrufen: Training mit Bildern, Verarbeitung',
          options: {
            what: {
              description: 'Welche Einwilligung',
              choices: {
                training: 'KI-Modelle mit meinen Bildern trainieren',
                processing: 'Verarbeitung meiner Daten (Bilder erstellen)',
              },
            },
            choice: { description: 'Ein oder aus', choices: { on: 'Ein', off: 'Aus' } },
          },
        },
        marketing: {
          description: 'Werbenachrichten (Neuigkeiten, Ankündigungen) ein- oder ausschalten',
          options: { choice: { description: 'Ein oder aus', choices: { on: 'Ein', off: 'Aus' } } },
        },
        updates: {
          description: 'Direktnachrichten bei Änderungen der Datenschutzerklärung, ein oder aus',
          options: { choice: { description: 'Ein oder aus', choices: { on: 'Ein', off: 'Aus' } } },
        },
        correct: {
          description: 'Namen, E-Mail-Adresse oder Sprache korrigieren, die wir speichern',
          options: {
            name: { description: 'Dein Name' },
            email: { description: 'Deine E-Mail-Adresse' },
            language: { description: 'Sprache für Nachrichten, z. B. de-DE' },
          },
        },
        'report-child': {
          description: 'Eine Person melden, die jünger als 13 sein könnte',
          options: {
            user: { description: 'Die Person: eine Erwähnung oder ihre Benutzer-ID' },
            details: { description: 'Alles, was uns bei der Prüfung hilft (optional)' },
          },
        },
      },
    },
  },
  messageActions: {
    restyle: {
      label: 'Bild umgestalten',
      noImage:
        'Diese Nachricht enthält kein Bild, das ich umgestalten kann. Verwende die Aktion bei einer Nachricht mit einem PNG-, JPEG- oder WebP-Bild.',
    },
  },
  styles: {
    watercolor: {
      label: 'Aquarell',
      description: 'Weiche Lasuren, Papierstruktur und sanft verlaufende Farben.',
    },
    anime: {
      label: 'Anime',
      description: 'Klare Linien und Cel-Shading im Look japanischer Animationsfilme.',
    },
    'oil-painting': { label: 'Ölgemälde', description: 'Dicke Pinselstriche und satte, klassische Farben.' },
    'pixel-art': { label: 'Pixelkunst', description: 'Retro-Pixel wie in 16-Bit-Videospielen.' },
    sketch: { label: 'Bleistiftskizze', description: 'Graphit auf Papier, Schraffur und Schattierung.' },
    cyberpunk: {
      label: 'Cyberpunk',
      description: 'Neonlicht, Regen und die Stimmung einer futuristischen Stadt.',
    },
    noir: { label: 'Film noir', description: 'Schwarzweiß, harte Schatten, Kino der 1940er.' },
    'pop-art': { label: 'Pop-Art', description: 'Kräftige Flächenfarben und Rasterpunkte.' },
    custom: { label: 'Nur mein Prompt', description: 'Keine Vorlage: dein Prompt allein bestimmt den Stil.' },
  },
  common: {
    internalError: 'Entschuldigung, bei uns ist etwas schiefgelaufen. Bitte versuche es gleich noch einmal.',
    internalErrorWithId:
      'Entschuldigung, bei uns ist etwas schiefgelaufen. Wenn das wieder passiert, wende dich an den Support und nenne die Fehler-ID `{{eventId}}`.',
  },
  imagine: {
    queued:
      '⏳ In der Warteschlange — Position {{position}}. Dein Bild im Stil **{{style}}** erscheint hier, sobald es fertig ist.',
    deleted: '🗑️ Gelöscht.',
  },
  worker: {
    generating: '🎨 Dein Bild im Stil **{{style}}** wird erstellt…',
    resultTitle: 'Umgestaltet: {{style}}',
    doneIn: 'Fertig in {{seconds}} s.',
    rerun: 'Neu starten',
    delete: 'Löschen',
    failed: '❌ {{message}}',
    resultAlt: 'Dein Bild im Stil {{style}}',
    sourceAlt: 'Dein Originalbild',
    tryAnotherStyle: 'Anderen Stil ausprobieren…',
    trialMode: 'Testmodus: {{parts}} — nicht der Produktivdienst.',
    trialOfflineFilter: 'Offline-Bildfilter (kein OpenAI-Schlüssel)',
    trialLocalStorage: 'lokaler Speicher (keine ImageKit-Schlüssel)',
    internalFailure:
      'Entschuldigung, die Erstellung ist bei uns fehlgeschlagen; dir wurde nichts berechnet. Bitte versuche es später noch einmal.',
    internalFailureWithId:
      'Entschuldigung, die Erstellung ist bei uns fehlgeschlagen; dir wurde nichts berechnet. Fehler-ID: `{{eventId}}`. Bitte versuche es später noch einmal.',
  },
  help: {
    title: 'ImageGen — Bilder mit KI umgestalten',
    intro:
      'Führe `/imagine` mit einem Bild aus, wähle einen Stil und beschreibe (optional), was sich ändern soll. Ich antworte sofort, reihe die Arbeit ein und poste das Ergebnis hier.',
    styles: 'Stile',
  },
  jobs: {
    title: 'Deine letzten Aufträge',
    empty: 'Du hast noch keine Aufträge. Probiere `/imagine` mit einem Bild.',
    result: 'Ergebnis',
    cancel: '{{n}} abbrechen',
    rerun: '{{n}} neu starten',
    cancelled: '🚫 Abgebrochen — es wurde nichts berechnet.',
    status: {
      intake: '📥 wird empfangen',
      queued: '⏳ in der Warteschlange',
      processing: '🎨 wird erstellt',
      succeeded: '✅ fertig',
      failed: '❌ fehlgeschlagen',
      cancelled: '🚫 abgebrochen',
    },
  },
  budget: {
    title: 'Serverbudget',
    limit_one:
      'Dieser Server darf **{{count}}** Bild pro Tag (UTC) erstellen; heute verbraucht: **{{used}}**.',
    limit_other:
      'Dieser Server darf **{{count}}** Bilder pro Tag (UTC) erstellen; heute verbraucht: **{{used}}**.',
    none_one:
      'Dieser Server hat kein Tagesbudget; heute wurde **{{count}}** Bild erstellt. Admins können mit `/budget set` eines festlegen.',
    none_other:
      'Dieser Server hat kein Tagesbudget; heute wurden **{{count}}** Bilder erstellt. Admins können mit `/budget set` eines festlegen.',
    saved: '✅ Budget gespeichert.',
    removed: '✅ Budget entfernt.',
    nothingToRemove: 'Es gab kein Budget zum Entfernen.',
  },
  subscribe: {
    linkFirstTitle: 'Verknüpfe zuerst dein Konto',
    linkFirst:
      'Käufe brauchen ein verknüpftes Konto, damit sie dir über Discord und Slack hinweg folgen. Verknüpfe es hier und führe dann `/subscribe` erneut aus:\n{{url}}',
    buyCreditsTitle: 'Credits kaufen',
    subscribeTitle: 'Abonnieren',
    checkout:
      'Schließe deinen Kauf auf der sicheren Bezahlseite von Stripe ab:\n{{url}}\nNur du kannst diese Nachricht sehen.',
  },
  account: {
    title: 'Dein Konto',
    notLinked:
      'Noch nicht verknüpft — `/account link` führt deine Discord- und Slack-Konten zu einem zusammen.',
    plan: 'Tarif',
    pastDue: ' (Zahlung überfällig)',
    ends: ' — endet am {{date}}',
    renews: ' — verlängert sich am {{date}}',
    credits: 'Credits',
    creditsValue: '{{credits}} (je 1 Bild, werden zuerst verwendet)',
    freeImages: 'Kostenlose Bilder',
    freeImagesValue: '{{perDay}} pro Tag ohne Credits · {{today}} heute erstellt',
    parallelJobs: 'Parallele Aufträge',
    linkedAccount: 'Verknüpftes Konto',
    linked: 'verknüpft',
    notLinkedShort: 'nicht verknüpft',
    chatAccounts: 'Chat-Konten',
    workspace: '{{platform}} (Workspace {{scope}})',
    linkTitle: 'Konto verknüpfen',
    link: 'Öffne diesen Link innerhalb von {{minutes}} Minuten und melde dich an:\n{{url}}\nEr funktioniert nur einmal. Nur du kannst diese Nachricht sehen — teile den Link nicht.',
    unlinkedSplit:
      'Verknüpfung gelöst. Dieses Chat-Konto startet jetzt neu im kostenlosen Tarif; dein Tarif, deine Credits und dein Verlauf bleiben bei deinem verknüpften Konto.',
    unlinked: 'Verknüpfung gelöst. Dein Tarif, deine Credits und dein Verlauf bleiben bei diesem Chat-Konto.',
    billingTitle: 'Abrechnung',
    billing:
      'Verwalte hier deinen Tarif, deine Karte und deine Rechnungen (der Link ist nur kurz gültig):\n{{url}}',
  },
  adapter: {
    unknownCommand: 'Dieser Befehl ist hier nicht mehr verfügbar.',
    formExpired:
      'Dieses Formular ist abgelaufen. Öffne das Nachrichtenmenü erneut (Apps → die Aktion), um neu zu beginnen.',
    replyFailed:
      'Entschuldigung, die Antwort konnte nicht angezeigt werden. Bitte versuche es gleich noch einmal.',
    dmInstead:
      '📬 Ich kann dort, wo du gefragt hast, nicht posten (die App ist dort nur für dich installiert, oder der Kanal ist für mich gesperrt), deshalb kommt es per Direktnachricht.',
    dmsClosed:
      '🔒 Ich konnte dir das nicht per Direktnachricht senden, weil deine Direktnachrichten für mich geschlossen sind. Um Ergebnisse per DM zu erhalten, erlaube Direktnachrichten: Rechtsklick auf das Server-Symbol → Privatsphäre-Einstellungen → Direktnachrichten (oder Benutzereinstellungen → Inhalte & Soziales für alle Server).',
  },
  privacyNotices: {
    ageGateTitle: 'Vor deinem ersten Bild',
    ageGate:
      'Bitte bestätige, dass du **13 Jahre oder älter** bist und unsere Datenschutzerklärung (Version {{version}}) akzeptierst: {{url}}\nWir speichern die Bilder, die du sendest, die Ergebnisse und deine Prompts, um den Dienst zu betreiben; mit `/privacy` kannst du sie jederzeit ansehen, exportieren oder löschen. Wir verwenden deine Bilder niemals zum Training von KI-Modellen, außer du stimmst zu.',
    acceptAdult: 'Ich bin 13 oder älter und stimme zu',
    under13: 'Ich bin unter 13',
    decline: 'Ablehnen',
    accept: 'Akzeptieren',
    changedTitle: 'Unsere Datenschutzerklärung hat sich geändert',
    published: 'Wir haben Version {{version}} unserer Datenschutzerklärung veröffentlicht: {{url}}',
    whatChanged: 'Was sich geändert hat: {{summary}}',
    pleaseAccept:
      'Bitte lies sie und akzeptiere sie, um weiter Bilder zu erstellen. Auch wenn du nicht zustimmst, funktionieren `/privacy export` und `/privacy delete` weiterhin.',
    withdrawn:
      'Du hast deine Einwilligung zur Verarbeitung widerrufen, daher erstellt der Bot keine Bilder für dich. Um ihn wieder zu nutzen, erteile deine Einwilligung erneut (Schaltfläche unten oder `/privacy consent what:processing choice:on`).',
    consentAgain: 'Erneut einwilligen',
    updateTitle: 'Aktualisierung der Datenschutzerklärung',
    updateNextTime: 'Du wirst gebeten, sie zu akzeptieren, wenn du das nächste Mal ein Bild erstellst.',
    updateFooter:
      'Du erhältst diese Nachrichten, weil du Hinweise zu Richtlinienänderungen eingeschaltet hast. Abschalten mit /privacy updates choice:off',
    newsTitle: 'ImageGen-Neuigkeiten',
    newsFooter:
      'Du erhältst diese Nachrichten, weil du zugestimmt hast. Jederzeit abbestellen: /privacy marketing choice:off',
  },
  consents: {
    newerVersion: 'Inzwischen wurde eine neuere Version der Richtlinie veröffentlicht.',
    accepted:
      '✅ Danke — du hast unsere Datenschutzerklärung (Version {{version}}) akzeptiert. Führe `/imagine` erneut aus, um dein Bild zu erstellen.',
    declinedKeep:
      'Du hast Version {{version}} unserer Datenschutzerklärung abgelehnt, daher erstellt der Bot keine Bilder für dich, bis du sie akzeptierst. Deine Daten bleiben, bis du etwas anderes möchtest: `/privacy export` gibt dir eine Kopie, `/privacy delete` löscht sie.',
    declined:
      'OK — du hast abgelehnt, daher erstellt der Bot keine Bilder für dich, und wir speichern nichts über dich. Wenn du es dir anders überlegst, führe `/imagine` erneut aus.',
    processingOn: '✅ Einwilligung zur Verarbeitung erteilt — du kannst wieder Bilder erstellen.',
    processingOff:
      '🛑 Einwilligung zur Verarbeitung widerrufen. Der Bot erstellt keine Bilder für dich, bis du sie mit `/privacy consent what:processing choice:on` erneut erteilst. Deine Daten bleiben gespeichert, bis du sie mit `/privacy delete` löschst.',
    trainingOn:
      '✅ Training EIN: Du erlaubst uns, deine Bilder zum Training von KI-Modellen zu verwenden (erfasst unter Richtlinienversion {{version}}). Jederzeit abschalten: `/privacy consent what:training choice:off`.',
    trainingOff: '✅ Training AUS: Deine Bilder werden nicht zum Training von KI-Modellen verwendet.',
    marketingOn:
      '✅ Werbenachrichten EIN: Wir dürfen dir Neuigkeiten zu ImageGen per DM senden. Jederzeit abbestellen: `/privacy marketing choice:off`.',
    marketingOff: '✅ Werbenachrichten AUS: Du erhältst keine Neuigkeiten oder Ankündigungen von uns.',
    policy_updatesOn:
      '✅ Hinweise zu Richtlinienänderungen EIN: Wir schreiben dir per DM, wenn sich unsere Datenschutzerklärung ändert.',
    policy_updatesOff:
      '✅ Hinweise zu Richtlinienänderungen AUS. Bei Änderungen siehst du trotzdem einen Hinweis im Bot.',
  },
  privacyRequests: {
    nothingToDelete: 'Wir speichern keine Daten über dich, es gibt also nichts zu löschen.',
    imagesNow: 'Deine Bilder werden sofort gelöscht und aus dem CDN-Cache entfernt.',
    imagesKept:
      'Deine Bilder werden {{days}} Tage aufbewahrt, von dir getrennt, und dann gelöscht (wähle `immediate`, um sie sofort zu löschen).',
    deleteTitle: 'Alle deine Daten löschen?',
    deleteText:
      'Dadurch werden dein Profil, verknüpfte Chat-Identitäten, Bildaufträge und Prompts, Einwilligungen und Exporte gelöscht, dein verknüpftes ImageGen-Login und dein Zahlungskunde entfernt und jedes Abo gekündigt. {{images}} Das kann nicht rückgängig gemacht werden.',
    deleteYes: 'Ja, alles löschen',
    cancel: 'Abbrechen',
    deleting:
      '🗑️ Deine Daten werden gelöscht… Ich sage dir hier (oder per Direktnachricht) genau, was entfernt wurde.',
    keep: 'Abgebrochen — es wurde nichts gelöscht.',
    nothingToExport: 'Wir speichern keine Daten über dich, es gibt also nichts zu exportieren.',
    exportPending: 'Dein Export wird bereits vorbereitet — der Link kommt, sobald er fertig ist.',
    exportTitle: 'Dein Export wird vorbereitet',
    exportText:
      '📦 Ich sammle alles, was wir über dich speichern (Profil, Identitäten, Bildaufträge mit Prompts, Credits, Einwilligungen, Anfragen), und deine Bilder in einer ZIP-Datei. Wenn sie fertig ist, sende ich dir einen Download-Link per Direktnachricht. Der Link funktioniert {{hours}} Stunden lang und nur für diesen Export.',
  },
  privacyOverview: {
    title: 'Deine Daten und Privatsphäre',
    contact: 'Kontakt',
    contactValue:
      'Datenschutz: {{privacy}} · Support: {{support}}\nRichtlinie (Version {{version}}): {{url}}',
    rights: 'Deine Rechte',
    rightsValue:
      '`/privacy export` eine Kopie von allem · `/privacy delete` alles löschen · `/privacy correct` Name/E-Mail korrigieren · `/privacy consent` Training / Verarbeitung · `/privacy marketing` und `/privacy updates` Nachrichten · `/privacy report-child` eine Person unter 13 melden',
    refused:
      'Wir speichern nichts über dich außer einem Vermerk (einem Einweg-Hash deiner Chat-ID), dass du abgelehnt hast oder nicht bedient werden darfst.',
    nothing: 'Wir speichern keine Daten über dich. Erst wenn du den Bot nutzt, wird etwas gespeichert.',
    intro: 'Das speichern wir über dich. Nur du kannst diese Nachricht sehen.',
    profile: 'Profil',
    profileValue:
      'Tarif: {{plan}} · Credits: {{credits}}\nName: {{name}} · E-Mail: {{email}}\nVerknüpftes Konto: {{linked}} · Zahlungskunde: {{customer}}',
    yesClerk: 'ja (Clerk)',
    yesStripe: 'ja (Stripe)',
    no: 'nein',
    identities: 'Verknüpfte Identitäten',
    identity: '{{platform}} seit {{since}}',
    identityWorkspace: '{{platform}} (Workspace {{scope}}) seit {{since}}',
    records: 'Datensätze',
    recordsValue:
      '{{generations}} Bildaufträge mit Prompts ({{stored}} mit gespeicherten Bildern) · {{ledger}} Credit-Buchungen · {{subscriptions}} Abos · {{consents}} Einwilligungsnachweise · {{requests}} Datenschutzanfragen',
    consents: 'Einwilligungen',
    acceptedVersion: 'Version {{version}} am {{day}}',
    acceptedOld: 'Version {{version}} am {{day}} (aktuell: {{current}})',
    notYet: 'noch nicht',
    consentsValue:
      'Alter bestätigt: {{age}} · Datenschutzerklärung akzeptiert: {{accepted}}\nVerarbeitung: {{processing}} · Training mit Bildern: {{training}}\nWerbenachrichten: {{marketing}} · Hinweise zu Richtlinienänderungen: {{updates}}',
    withdrawnOn: 'widerrufen am {{day}}',
    given: 'erteilt',
    on: 'ein',
    off: 'aus',
  },
  privacyCorrect: {
    nameAlsoLinked: 'Dein Name wurde auch in deinem verknüpften Konto geändert.',
    emailLinked:
      'Deine E-Mail-Adresse stammt aus deinem verknüpften Konto, wo sie bestätigt wird: Ändere sie dort, dann übernimmt der Bot sie bei der nächsten Verknüpfung.',
    emailLinkedAt:
      'Deine E-Mail-Adresse stammt aus deinem verknüpften Konto, wo sie bestätigt wird: Ändere sie dort ({{url}}), dann übernimmt der Bot sie bei der nächsten Verknüpfung.',
    updated: '✅ Aktualisiert: {{fields}}.',
    unchanged: 'Hier wurde nichts geändert.',
    name: 'Name',
    email: 'E-Mail',
    language: 'Sprache',
    childReported:
      'Danke — die Meldung wurde an unser Team gesendet, das sie prüft und das Konto löscht, falls die Person unter 13 ist. Die gemeldete Person erfährt nicht, wer sie gemeldet hat. Du kannst auch an {{contact}} schreiben.',
  },
  erasure: {
    alreadyTitle: 'Nichts mehr zu löschen',
    already:
      'Deine Daten waren bereits gelöscht, es gab also nichts mehr zu entfernen. Doppeltes Löschen schadet nicht.',
    title: 'Deine Daten wurden gelöscht',
    removedHeading: '**Jetzt entfernt:**',
    profile: 'dein Profil: Name, E-Mail, Tarif, Credits, Einwilligungen und Einstellungen',
    identities_one: '{{count}} verknüpfte Chat-Identität ({{list}}), jetzt getrennt',
    identities_other: '{{count}} verknüpfte Chat-Identitäten ({{list}}), jetzt getrennt',
    generations_one: '{{count}} Bildauftrag mit Prompts',
    generations_other: '{{count}} Bildaufträge mit Prompts',
    consentRecords_one: '{{count}} Einwilligungsnachweis',
    consentRecords_other: '{{count}} Einwilligungsnachweise',
    exports_one: '{{count}} Exportarchiv',
    exports_other: '{{count}} Exportarchive',
    subscriptions_one: '{{count}} Abo-Datensatz',
    subscriptions_other: '{{count}} Abo-Datensätze',
    queued_one: '{{count}} wartender Auftrag (abgebrochen, nie ausgeführt)',
    queued_other: '{{count}} wartende Aufträge (abgebrochen, nie ausgeführt)',
    clerk: 'dein ImageGen-Konto-Login (Clerk)',
    stripe: 'dein Stripe-Kundendatensatz',
    stripeCancelled_one: 'dein Stripe-Kundendatensatz, {{count}} Abo gekündigt',
    stripeCancelled_other: 'dein Stripe-Kundendatensatz, {{count}} Abos gekündigt',
    imagesNow_one:
      '**Bilder:** {{count}} gespeichertes Bild (deine Uploads und Ergebnisse) jetzt gelöscht und aus dem CDN-Cache entfernt.',
    imagesNow_other:
      '**Bilder:** {{count}} gespeicherte Bilder (deine Uploads und Ergebnisse) jetzt gelöscht und aus dem CDN-Cache entfernt.',
    imagesLater_one:
      '**Bilder:** {{count}} gespeichertes Bild (deine Uploads und Ergebnisse) wird am {{date}} (UTC), in {{days}} Tagen, aus unserem Bildspeicher gelöscht, wie es unsere Datenschutzerklärung vorsieht. Nichts verbindet es mehr mit dir.',
    imagesLater_other:
      '**Bilder:** {{count}} gespeicherte Bilder (deine Uploads und Ergebnisse) werden am {{date}} (UTC), in {{days}} Tagen, aus unserem Bildspeicher gelöscht, wie es unsere Datenschutzerklärung vorsieht. Nichts verbindet sie mehr mit dir.',
    imagesNone: '**Bilder:** Es waren keine gespeichert.',
    ledger_one: '{{count}} Credit-Buchung (Buchhaltung)',
    ledger_other: '{{count}} Credit-Buchungen (Buchhaltung)',
    requests_one: '{{count}} Nachweis deiner Datenschutzanfragen (Beleg, dass wir sie beantwortet haben)',
    requests_other: '{{count}} Nachweise deiner Datenschutzanfragen (Beleg, dass wir sie beantwortet haben)',
    kept: '**Ohne alles, was dich identifiziert, aufbewahrt:** {{list}}.',
    end: 'Sonst ist nichts über dich übrig. Wenn du den Bot wieder nutzt, beginnt ein neues, leeres Konto. Fragen: {{contact}}',
  },
  privacyExport: {
    failed:
      'Entschuldigung — dein Datenexport konnte nicht erstellt werden. Unser Team wurde benachrichtigt und wird ihn fertigstellen; du kannst `/privacy export` auch später erneut ausführen oder an {{contact}} schreiben.',
    failedWithId:
      'Entschuldigung — dein Datenexport konnte nicht erstellt werden. Unser Team wurde benachrichtigt (Fehler-ID `{{eventId}}`) und wird ihn fertigstellen; du kannst `/privacy export` auch später erneut ausführen oder an {{contact}} schreiben.',
    readyTitle: 'Dein Datenexport ist fertig',
    ready:
      'Hier herunterladen: {{link}}\nDer Link funktioniert bis {{until}} UTC. Jeder, der ihn hat, kann deine Daten herunterladen — teile ihn also nicht. Die ZIP-Datei enthält `export.json` (jeden Datensatz, den wir über dich speichern) und deine Bilder.',
  },
  dispatch: {
    unknownCommand: 'Dieser Befehl ist hier nicht mehr verfügbar. Probiere `/help`.',
    invalidOptions: 'Einige Optionen sind ungültig:\n{{problems}}',
  },
  billingNotices: {
    paymentFailedTitle: 'Zahlung fehlgeschlagen',
    paymentFailed:
      'Wir konnten die Zahlung für deinen ImageGen-Tarif nicht einziehen. Stripe versucht es in den nächsten Tagen erneut; damit du deinen Tarif nicht verlierst, aktualisiere deine Karte mit `/account billing`.',
  },
  errors: {
    discord_unreachable:
      'In /jobs gespeichert — ich konnte dir das Ergebnis nicht senden: Ich darf dort, wo du gefragt hast, nicht posten, und deine Direktnachrichten sind für mich geschlossen. Erlaube mir Direktnachrichten, um Ergebnisse zu erhalten.',
    slack_not_installed:
      'Die App ist in diesem Slack-Workspace nicht mehr installiert, daher konnte die Antwort nicht gepostet werden.',
    slack_token_revoked: 'Die App wurde aus diesem Slack-Workspace entfernt.',
    fetch_host_not_allowed:
      'Dieser Link stammt nicht von einem Host, von dem ich Bilder annehme. Bitte hänge das Bild stattdessen an deine Nachricht an.',
    fetch_private_address:
      'Dieser Link zeigt auf eine private Netzwerkadresse, von der ich niemals lade. Bitte hänge das Bild stattdessen an.',
    fetch_bad_redirect_loop:
      'Der Link wurde zu oft weitergeleitet. Bitte hänge das Bild stattdessen an deine Nachricht an.',
    fetch_bad_redirect_not_web:
      'Der Link wurde auf etwas weitergeleitet, das keine Webadresse ist. Bitte hänge das Bild stattdessen an deine Nachricht an.',
    fetch_bad_redirect_insecure:
      'Der Link wurde von einer sicheren auf eine unsichere Adresse weitergeleitet. Bitte hänge das Bild stattdessen an deine Nachricht an.',
    fetch_bad_redirect_host:
      'Der Link wurde auf einen Host weitergeleitet, von dem ich keine Bilder lade. Bitte hänge das Bild stattdessen an deine Nachricht an.',
    fetch_timeout:
      'Das Herunterladen des Bildes hat zu lange gedauert. Bitte versuche es gleich noch einmal.',
    fetch_failed:
      'Das Bild konnte nicht heruntergeladen werden (Netzwerkfehler). Bitte versuche es gleich noch einmal.',
    fetch_failed_status_retry:
      'Das Bild konnte nicht heruntergeladen werden: Der Dateiserver antwortete mit HTTP {{status}}. Bitte versuche es gleich noch einmal.',
    fetch_failed_status:
      'Das Bild konnte nicht heruntergeladen werden: Der Dateiserver antwortete mit HTTP {{status}}. Bitte lade das Bild erneut hoch.',
    fetch_too_large:
      'Diese Datei ist größer als das Limit von {{mb}} MB. Bitte lade ein kleineres Bild hoch.',
    fetch_expired:
      'Der Link zum Anhang ist abgelaufen oder wurde gelöscht — bitte lade das Bild erneut hoch.',
    service_busy:
      'Der Bot ist gerade ausgelastet und konnte das nicht bearbeiten. Es wurde nichts berechnet — bitte versuche es in einer Minute noch einmal.',
    queue_unavailable:
      'Der Bot ist gerade ausgelastet und konnte deine Anfrage nicht einreihen. Es wurde nichts berechnet — bitte versuche es in einer Minute noch einmal.',
    storage_unavailable:
      'Der Bildspeicher hat gerade Probleme, daher wurde deine Anfrage nicht eingereiht. Es wurde nichts berechnet — bitte versuche es in ein paar Minuten noch einmal.',
    linking_off:
      'Die Kontoverknüpfung ist auf diesem Server nicht eingerichtet. Du kannst den Bot weiterhin im kostenlosen Tarif nutzen.',
    not_linked: 'Dieses Chat-Konto ist mit keinem Konto verknüpft, es gibt also nichts zu lösen.',
    too_many_jobs_one:
      'Du hast bereits {{count}} Bild in Arbeit (Limit {{limit}} im Tarif {{plan}}). Versuche es erneut, sobald eines fertig ist — `/jobs` zeigt den Fortschritt.',
    too_many_jobs_other:
      'Du hast bereits {{count}} Bilder in Arbeit (Limit {{limit}} im Tarif {{plan}}). Versuche es erneut, sobald eines fertig ist — `/jobs` zeigt den Fortschritt.',
    daily_quota:
      'Du hast alle {{limit}} kostenlosen Bilder für heute verbraucht. Das Kontingent wird um 00:00 UTC zurückgesetzt (in {{wait}}).',
    daily_quota_billing:
      'Du hast alle {{limit}} kostenlosen Bilder für heute verbraucht. Das Kontingent wird um 00:00 UTC zurückgesetzt (in {{wait}}). Für mehr schließe mit `/subscribe` einen Tarif ab oder kaufe ein Credit-Paket.',
    server_budget_off: 'Die Bilderstellung wurde auf diesem Server von den Admins abgeschaltet (`/budget`).',
    server_budget:
      'Dieser Server hat sein von den Admins festgelegtes Tagesbudget von {{limit}} Bildern aufgebraucht. Es wird um 00:00 UTC zurückgesetzt (in {{wait}}); in einer Direktnachricht kannst du den Bot weiterhin nutzen.',
    image_unsupported_type:
      'Diese Datei ist kein unterstütztes Bild. Bitte hänge ein PNG-, JPEG- oder WebP-Bild an.',
    image_unsupported_type_decoded:
      'Nur PNG-, JPEG- und WebP-Bilder werden unterstützt — bitte lade das Bild in einem dieser Formate hoch.',
    image_too_large:
      'Dieses Bild ist {{size}} groß; das Limit ist {{limit}}. Bitte sende ein kleineres oder stärker komprimiertes Bild.',
    image_too_many_pixels:
      'Dieses Bild hat {{mp}} Megapixel; das Limit ist {{limit}} Megapixel. Bitte verkleinere es und versuche es erneut.',
    image_too_many_pixels_decoded:
      'Dieses Bild hat zu viele Pixel: Das Limit ist {{limit}} Megapixel. Bitte verkleinere es und versuche es erneut.',
    image_corrupt:
      'Das Bild scheint beschädigt oder unvollständig zu sein — bitte speichere oder exportiere es neu und lade es noch einmal hoch.',
    image_too_small:
      'Das Bild ist zu klein ({{width}}×{{height}} px): Jede Seite muss mindestens {{min}} px lang sein. Bitte verwende ein größeres Bild.',
    source_gone:
      'Das Originalbild dieses Auftrags ist nicht mehr gespeichert. Bitte führe `/imagine` erneut aus.',
    unknown_style: 'Diesen Stil gibt es nicht. Wähle einen aus der Liste.',
    moderation_flagged:
      'Dein Bild oder Prompt wurde von unserem Inhaltsfilter markiert und daher nicht zur Erstellung gesendet. Dir wurde nichts berechnet.',
    provider_blocked:
      'Der Bilddienst hat diese Anfrage gemäß seiner Inhaltsrichtlinie abgelehnt. Versuche ein anderes Bild oder einen anderen Prompt. Dir wurde nichts berechnet.',
    provider_rejected:
      'Der Bilddienst konnte diese Anfrage nicht verarbeiten: {{reason}} Dir wurde nichts berechnet.',
    billing_off:
      'Die Abrechnung ist auf diesem Server nicht eingerichtet, es gibt also nichts zu kaufen — der kostenlose Tarif funktioniert wie gewohnt.',
    already_subscribed:
      'Du hast bereits den Tarif {{plan}}. Mit `/account billing` kannst du ihn ändern oder kündigen.',
    product_unavailable_credits: 'Credit-Pakete werden auf diesem Server nicht verkauft.',
    product_unavailable_plan: 'Der Tarif {{plan}} wird auf diesem Server nicht verkauft.',
    no_billing_account:
      'Du hast noch kein Abrechnungskonto — schließe zuerst mit `/subscribe` einen Tarif ab oder kaufe ein Credit-Paket.',
    job_not_found: 'Diesen Auftrag gibt es nicht mehr.',
    not_your_job: 'Nur die Person, die dieses Bild angefordert hat, kann das tun.',
    not_cancellable_processing: 'Dieses Bild wird bereits erstellt und kann nicht mehr abgebrochen werden.',
    not_cancellable: 'Nur Aufträge in der Warteschlange können abgebrochen werden.',
    bad_version: 'Eine Version besteht aus 1–40 Buchstaben, Ziffern, ".", "_" oder "-".',
    version_exists: 'Version {{version}} wurde bereits veröffentlicht.',
    bad_user: 'Erwähne die Person (z. B. @name) oder gib ihre Benutzer-ID an.',
    no_report: 'Es gibt keine offene Meldung mit dieser ID.',
    nothing_to_correct:
      'Sag mir, was ich ändern soll: `/privacy correct name:<dein Name>`, `email:<Adresse>` oder `language:<Code, z. B. de-DE>`.',
    empty_announcement: 'Eine Ankündigung braucht einen Text.',
    long_announcement: 'Eine Ankündigung muss kürzer als 1500 Zeichen sein.',
    not_in_server:
      'Serverbudgets gelten für Server und Workspaces — führe das dort aus, nicht in einer Direktnachricht.',
    not_server_admin:
      'Nur Server-Admins können das Budget ändern (Discord: Berechtigung „Server verwalten“; Slack: Workspace-Admins).',
    age_refused:
      'Entschuldigung — ImageGen steht Personen unter 13 Jahren nicht zur Verfügung, daher erstellt der Bot keine Bilder für dich. Wir speichern nichts über dich außer einem Vermerk, dass wir dich nicht bedienen dürfen. Falls das ein Irrtum ist, wende dich an {{contact}}.',
  },
};

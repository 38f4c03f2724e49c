/**
 * The English catalogue: the source of every user-facing chat text and the shape every other
 * language must match (same keys, same {{placeholders}}). Plural forms use i18next's `_one` /
 * `_other` suffixes with a `count` variable; every language lists both so the shapes stay equal.
 */
export const en = {
  commands: {
    imagine: {
      description: 'Restyle an image with AI',
      options: {
        image: { label: 'Image', description: 'The image to restyle (PNG, JPEG or WebP)' },
        style: { label: 'Style', description: 'A style preset' },
        prompt: { label: 'Prompt', description: 'What to change or add (optional)' },
      },
    },
    jobs: { description: 'Your recent image jobs: status, cancel, re-run' },
    help: { description: 'How to use the image bot' },
    account: {
      description: 'Your plan, credits and linked accounts',
      subcommands: {
        status: { description: 'Show your plan, credits and linked chat accounts' },
        link: {
          description:
            'Link this chat account to your ImageGen account (one person across Discord and Slack)',
        },
        unlink: { description: 'Unlink this chat account from your ImageGen account' },
        billing: { description: 'Manage your subscription, card and invoices (Stripe Customer Portal)' },
      },
    },
    subscribe: {
      description: 'Buy a plan (more images, faster queue) or a pack of credits',
      options: {
        plan: {
          description: 'What to buy',
          choices: {
            pro: 'Pro — monthly credits, 4 parallel jobs',
            studio: 'Studio — most credits, 8 parallel jobs',
            credits: 'Credit pack — one-off',
          },
        },
      },
    },
    budget: {
      description: "This server's daily image budget (admins can change it)",
      subcommands: {
        show: { description: "Show this server's daily image budget" },
        set: {
          description: 'Set how many images this server may make per day (admins only)',
          options: {
            limit: { description: 'Images per day for the whole server (0 switches generation off here)' },
          },
        },
        clear: { description: "Remove this server's daily budget (admins only)" },
      },
    },
    privacy: {
      description: 'Your data: what we hold, export, delete, consents, corrections',
      subcommands: {
        show: { description: 'What we hold about you, your consents, and whom to contact' },
        export: { description: 'Get a download link to a copy of all your data and images' },
        delete: {
          description: 'Delete all your data (asks for confirmation)',
          options: {
            immediate: { description: 'Delete your images at once instead of after 90 days' },
            confirm: { description: 'Type DELETE to skip the confirmation button' },
          },
        },
        consent: {
          description: 'Give or withdraw consent: training use of images, processing',
          options: {
            what: {
              description: 'Which consent',
              choices: {
                training: 'Training AI models with my images',
                processing: 'Processing my data (making images)',
              },
            },
            choice: { description: 'On or off', choices: { on: 'On', off: 'Off' } },
          },
        },
        marketing: {
          description: 'Marketing messages (news, announcements) on or off',
          options: { choice: { description: 'On or off', choices: { on: 'On', off: 'Off' } } },
        },
        updates: {
          description: 'Direct messages when the privacy policy changes, on or off',
          options: { choice: { description: 'On or off', choices: { on: 'On', off: 'Off' } } },
        },
        correct: {
          description: 'Correct the name, email or language we hold',
          options: {
            name: { description: 'Your name' },
            email: { description: 'Your email address' },
            language: { description: 'Language for messages, e.g. en-GB' },
          },
        },
        'report-child': {
          description: 'Report a user who may be under 13',
          options: {
            user: { description: 'The user: a mention or their user id' },
            details: { description: 'Anything that helps us check (optional)' },
          },
        },
      },
    },
  },
  messageActions: {
    restyle: {
      label: 'Restyle image',
      noImage: 'That message has no image I can restyle. Use it on a message with a PNG, JPEG or WebP image.',
    },
  },
  styles: {
    watercolor: { label: 'Watercolor', description: 'Soft washes, paper texture and gentle colour bleeds.' },
    anime: { label: 'Anime', description: 'Clean line art and cel shading in a Japanese animation look.' },
    'oil-painting': { label: 'Oil painting', description: 'Thick brush strokes and rich, classical colour.' },
    'pixel-art': { label: 'Pixel art', description: 'Retro 16-bit video game pixels.' },
    sketch: { label: 'Pencil sketch', description: 'Graphite on paper, hatching and shading.' },
    cyberpunk: { label: 'Cyberpunk', description: 'Neon lights, rain and a futuristic city mood.' },
    noir: { label: 'Film noir', description: 'Black and white, hard shadows, 1940s cinema.' },
    'pop-art': { label: 'Pop art', description: 'Bold flat colours and halftone dots.' },
    custom: { label: 'Just my prompt', description: 'No preset: your prompt alone decides the style.' },
  },
  common: {
    internalError: 'Sorry, something went wrong on our side. Please try again in a moment.',
    internalErrorWithId:
      'Sorry, something went wrong on our side. If it keeps happening, contact support and quote error id `{{eventId}}`.',
  },
  imagine: {
    queued: '⏳ Queued — position {{position}}. Your **{{style}}** image will appear here when it is ready.',
    deleted: '🗑️ Deleted.',
  },
  worker: {
    generating: '🎨 Generating your **{{style}}** image…',
    resultTitle: '{{style}} restyle',
    doneIn: 'Done in {{seconds}} s.',
    rerun: 'Re-run',
    delete: 'Delete',
    failed: '❌ {{message}}',
    resultAlt: '{{style}} version of your image',
    sourceAlt: 'Your original image',
    tryAnotherStyle: 'Try another style…',
    trialMode: 'Trial mode: {{parts}} — not the production service.',
    trialOfflineFilter: 'offline image filter (no OpenAI key)',
    trialLocalStorage: 'local storage (no ImageKit keys)',
    internalFailure:
      'Sorry, the generation failed on our side and you have not been charged. Please try again later.',
    internalFailureWithId:
      'Sorry, the generation failed on our side and you have not been charged. Error id: `{{eventId}}`. Please try again later.',
  },
  help: {
    title: 'ImageGen — restyle images with AI',
    intro:
      'Run `/imagine` with an image, pick a style and (optionally) describe what to change. I answer at once, queue the work and post the result here.',
    styles: 'Styles',
  },
  jobs: {
    title: 'Your recent jobs',
    empty: 'You have no jobs yet. Try `/imagine` with an image.',
    result: 'result',
    cancel: 'Cancel {{n}}',
    rerun: 'Re-run {{n}}',
    cancelled: '🚫 Cancelled — nothing was charged.',
    status: {
      intake: '📥 receiving',
      queued: '⏳ queued',
      processing: '🎨 generating',
      succeeded: '✅ done',
      failed: '❌ failed',
      cancelled: '🚫 cancelled',
    },
  },
  budget: {
    title: 'Server budget',
    limit_one: 'This server may make **{{count}}** image per day (UTC); **{{used}}** used today.',
    limit_other: 'This server may make **{{count}}** images per day (UTC); **{{used}}** used today.',
    none_one:
      'This server has no daily budget; **{{count}}** image made today. Admins can set one with `/budget set`.',
    none_other:
      'This server has no daily budget; **{{count}}** images made today. Admins can set one with `/budget set`.',
    saved: '✅ Budget saved.',
    removed: '✅ Budget removed.',
    nothingToRemove: 'There was no budget to remove.',
  },
  subscribe: {
    linkFirstTitle: 'Link your account first',
    linkFirst:
      'Purchases need a linked account, so they follow you across Discord and Slack. Link it here, then run `/subscribe` again:\n{{url}}',
    buyCreditsTitle: 'Buy credits',
    subscribeTitle: 'Subscribe',
    checkout:
      "Complete your purchase on Stripe's secure checkout page:\n{{url}}\nOnly you can see this message.",
  },
  account: {
    title: 'Your account',
    notLinked: 'Not linked yet — `/account link` joins your Discord and Slack accounts into one.',
    plan: 'Plan',
    pastDue: ' (payment overdue)',
    ends: ' — ends {{date}}',
    renews: ' — renews {{date}}',
    credits: 'Credits',
    creditsValue: '{{credits}} (1 image each, used first)',
    freeImages: 'Free images',
    freeImagesValue: '{{perDay}} per day without credits · {{today}} made today',
    parallelJobs: 'Parallel jobs',
    linkedAccount: 'Linked account',
    linked: 'linked',
    notLinkedShort: 'not linked',
    chatAccounts: 'Chat accounts',
    workspace: '{{platform}} (workspace {{scope}})',
    linkTitle: 'Link your account',
    link: 'Open this link within {{minutes}} minutes and sign in:\n{{url}}\nIt works once. Only you can see this message — do not share the link.',
    unlinkedSplit:
      'Unlinked. This chat account now starts fresh on the free plan; your plan, credits and history stay with your linked account.',
    unlinked: 'Unlinked. Your plan, credits and history stay with this chat account.',
    billingTitle: 'Billing',
    billing: 'Manage your plan, card and invoices here (link valid for a short time):\n{{url}}',
  },
  adapter: {
    unknownCommand: 'This command is not available here any more.',
    formExpired: 'This form has expired. Open the message menu again (Apps → the action) to start over.',
    replyFailed: 'Sorry, the answer could not be shown. Please try again in a moment.',
    dmInstead:
      '📬 I cannot post where you asked (the app is installed for you only there, or the channel is closed to me), so here it is by direct message.',
    dmsClosed:
      '🔒 I could not send you this by direct message because your DMs are closed to me. To get results by DM, allow direct messages: right-click the server icon → Privacy Settings → Direct Messages (or User Settings → Content & Social for every server).',
  },
  privacyNotices: {
    ageGateTitle: 'Before your first image',
    ageGate:
      'Please confirm that you are **13 or older** and that you accept our privacy policy (version {{version}}): {{url}}\nWe keep the images you send, the results and your prompts to run the service; you can see, export or delete them any time with `/privacy`. We never use your images to train AI models unless you opt in.',
    acceptAdult: 'I am 13 or older and accept',
    under13: 'I am under 13',
    decline: 'Decline',
    accept: 'Accept',
    changedTitle: 'Our privacy policy has changed',
    published: 'We published version {{version}} of our privacy policy: {{url}}',
    whatChanged: 'What changed: {{summary}}',
    pleaseAccept:
      'Please read it and accept it to keep making images. If you do not accept, `/privacy export` and `/privacy delete` keep working.',
    withdrawn:
      'You withdrew your consent to processing, so the bot does not make images for you. To use it again, give your consent back (button below, or `/privacy consent what:processing choice:on`).',
    consentAgain: 'Give consent again',
    updateTitle: 'Privacy policy update',
    updateNextTime: 'You will be asked to accept it the next time you make an image.',
    updateFooter:
      'You get these because you turned on policy-update messages. Stop them with /privacy updates choice:off',
    newsTitle: 'ImageGen news',
    newsFooter: 'You get these because you opted in. Opt out any time: /privacy marketing choice:off',
  },
  consents: {
    newerVersion: 'A newer version of the policy was published meanwhile.',
    accepted:
      '✅ Thank you — you accepted our privacy policy (version {{version}}). Run `/imagine` again to make your image.',
    declinedKeep:
      'You declined version {{version}} of our privacy policy, so the bot will not make images for you until you accept it. Your data stays until you ask: `/privacy export` gives you a copy, `/privacy delete` removes it.',
    declined:
      'OK — you declined, so the bot will not make images for you, and we keep nothing about you. If you change your mind, run `/imagine` again.',
    processingOn: '✅ Consent to processing given — you can make images again.',
    processingOff:
      '🛑 Consent to processing withdrawn. The bot will not make images for you until you give it back with `/privacy consent what:processing choice:on`. Your data is kept until you delete it with `/privacy delete`.',
    trainingOn:
      '✅ Training use ON: you allowed us to use your images to train AI models (recorded under policy version {{version}}). Turn it off any time: `/privacy consent what:training choice:off`.',
    trainingOff: '✅ Training use OFF: your images are not used to train AI models.',
    marketingOn:
      '✅ Marketing messages ON: we may DM you news about ImageGen. Opt out any time: `/privacy marketing choice:off`.',
    marketingOff: '✅ Marketing messages OFF: you will get no news or announcements from us.',
    policy_updatesOn: '✅ Policy-update messages ON: we DM you when our privacy policy changes.',
    policy_updatesOff:
      '✅ Policy-update messages OFF. You will still see a notice in the bot when the policy changes.',
  },
  privacyRequests: {
    nothingToDelete: 'We hold no data about you, so there is nothing to delete.',
    imagesNow: 'Your images are deleted at once and purged from the CDN cache.',
    imagesKept:
      'Your images are kept {{days}} days, unlinked from you, then deleted (choose `immediate` to delete them at once).',
    deleteTitle: 'Delete all your data?',
    deleteText:
      'This erases your profile, linked chat identities, image jobs and prompts, consents and exports, deletes your linked ImageGen login and payment customer, and cancels any subscription. {{images}} It cannot be undone.',
    deleteYes: 'Yes, delete everything',
    cancel: 'Cancel',
    deleting: '🗑️ Deleting your data… I will tell you here (or by direct message) exactly what was removed.',
    keep: 'Cancelled — nothing was deleted.',
    nothingToExport: 'We hold no data about you, so there is nothing to export.',
    exportPending: 'Your export is already being prepared — the link will come as soon as it is ready.',
    exportTitle: 'Preparing your export',
    exportText:
      '📦 I am collecting everything we hold about you (profile, identities, image jobs with prompts, credits, consents, requests) and your images into a ZIP file. When it is ready I will send you a download link by direct message. The link works for {{hours}} hours and only for this export.',
  },
  privacyOverview: {
    title: 'Your data and privacy',
    contact: 'Contact',
    contactValue: 'Privacy: {{privacy}} · Support: {{support}}\nPolicy (version {{version}}): {{url}}',
    rights: 'Your rights',
    rightsValue:
      '`/privacy export` a copy of everything · `/privacy delete` erase it · `/privacy correct` fix your name/email · `/privacy consent` training use / processing · `/privacy marketing` and `/privacy updates` messages · `/privacy report-child` report a user under 13',
    refused:
      'We hold nothing about you except a note (a one-way hash of your chat id) that you declined or are not to be served.',
    nothing: 'We hold no data about you. Nothing is stored until you use the bot.',
    intro: 'This is what we hold about you. Only you can see this message.',
    profile: 'Profile',
    profileValue:
      'Plan: {{plan}} · credits: {{credits}}\nName: {{name}} · email: {{email}}\nLinked account: {{linked}} · payment customer: {{customer}}',
    yesClerk: 'yes (Clerk)',
    yesStripe: 'yes (Stripe)',
    no: 'no',
    identities: 'Linked identities',
    identity: '{{platform}} since {{since}}',
    identityWorkspace: '{{platform}} (workspace {{scope}}) since {{since}}',
    records: 'Records',
    recordsValue:
      '{{generations}} image jobs with prompts ({{stored}} with stored images) · {{ledger}} credit entries · {{subscriptions}} subscriptions · {{consents}} consent records · {{requests}} privacy requests',
    consents: 'Consents',
    acceptedVersion: 'version {{version}} on {{day}}',
    acceptedOld: 'version {{version}} on {{day}} (current: {{current}})',
    notYet: 'not yet',
    consentsValue:
      'Age confirmed: {{age}} · privacy policy accepted: {{accepted}}\nProcessing: {{processing}} · training use of images: {{training}}\nMarketing messages: {{marketing}} · policy-update messages: {{updates}}',
    withdrawnOn: 'withdrawn on {{day}}',
    given: 'given',
    on: 'on',
    off: 'off',
  },
  privacyCorrect: {
    nameAlsoLinked: 'Your name was also changed in your linked account.',
    emailLinked:
      'Your email comes from your linked account, where it is verified: change it there, and the bot picks it up the next time you link.',
    emailLinkedAt:
      'Your email comes from your linked account, where it is verified: change it there ({{url}}), and the bot picks it up the next time you link.',
    updated: '✅ Updated: {{fields}}.',
    unchanged: 'Nothing was changed here.',
    name: 'name',
    email: 'email',
    language: 'language',
    childReported:
      'Thank you — the report was sent to our team, who will review it and delete the account if the user is under 13. The reported user is not told who reported them. You can also write to {{contact}}.',
  },
  erasure: {
    alreadyTitle: 'Nothing left to delete',
    already:
      'Your data had already been erased, so there was nothing more to remove. Deleting twice is harmless.',
    title: 'Your data has been deleted',
    removedHeading: '**Removed now:**',
    profile: 'your profile: name, email, plan, credits, consents and preferences',
    identities_one: '{{count}} linked chat identity ({{list}}), now unlinked',
    identities_other: '{{count}} linked chat identities ({{list}}), now unlinked',
    generations_one: '{{count}} image job with their prompts',
    generations_other: '{{count}} image jobs with their prompts',
    consentRecords_one: '{{count}} consent record',
    consentRecords_other: '{{count}} consent records',
    exports_one: '{{count}} export archive',
    exports_other: '{{count}} export archives',
    subscriptions_one: '{{count}} subscription record',
    subscriptions_other: '{{count}} subscription records',
    queued_one: '{{count}} queued job (cancelled, never run)',
    queued_other: '{{count}} queued jobs (cancelled, never run)',
    clerk: 'your ImageGen account login (Clerk)',
    stripe: 'your Stripe customer record',
    stripeCancelled_one: 'your Stripe customer record, {{count}} subscription cancelled',
    stripeCancelled_other: 'your Stripe customer record, {{count}} subscriptions cancelled',
    imagesNow_one:
      '**Images:** {{count}} stored image (your uploads and results) deleted now and purged from the CDN cache.',
    imagesNow_other:
      '**Images:** {{count}} stored images (your uploads and results) deleted now and purged from the CDN cache.',
    imagesLater_one:
      '**Images:** {{count}} stored image (your uploads and results) will be deleted from our image storage on {{date}} (UTC), {{days}} days from now, as our privacy policy says. Nothing links them to you any more.',
    imagesLater_other:
      '**Images:** {{count}} stored images (your uploads and results) will be deleted from our image storage on {{date}} (UTC), {{days}} days from now, as our privacy policy says. Nothing links them to you any more.',
    imagesNone: '**Images:** none were stored.',
    ledger_one: '{{count}} credit ledger entry (bookkeeping)',
    ledger_other: '{{count}} credit ledger entries (bookkeeping)',
    requests_one: '{{count}} record of your privacy requests (proof we answered them)',
    requests_other: '{{count}} records of your privacy requests (proof we answered them)',
    kept: '**Kept without anything that identifies you:** {{list}}.',
    end: 'Nothing else about you remains. Using the bot again starts a new, empty account. Questions: {{contact}}',
  },
  privacyExport: {
    failed:
      'Sorry — your data export could not be built. Our team has been alerted and will complete it; you can also run `/privacy export` again later or write to {{contact}}.',
    failedWithId:
      'Sorry — your data export could not be built. Our team has been alerted (error id `{{eventId}}`) and will complete it; you can also run `/privacy export` again later or write to {{contact}}.',
    readyTitle: 'Your data export is ready',
    ready:
      'Download it here: {{link}}\nThe link works until {{until}} UTC. Anyone who has it can download your data, so do not share it. The ZIP holds `export.json` (every record we hold about you) and your images.',
  },
  dispatch: {
    unknownCommand: 'This command is not available here any more. Try `/help`.',
    invalidOptions: 'Some options are not valid:\n{{problems}}',
  },
  billingNotices: {
    paymentFailedTitle: 'Payment failed',
    paymentFailed:
      'We could not take the payment for your ImageGen plan. Stripe will retry it over the next days; to avoid losing your plan, update your card with `/account billing`.',
  },
  errors: {
    discord_unreachable:
      'Saved in /jobs — I could not send you the result: I cannot post where you asked and your direct messages are closed to me. Allow DMs from me to receive results.',
    slack_not_installed:
      'The app is no longer installed in this Slack workspace, so the answer could not be posted.',
    slack_token_revoked: 'The app was removed from this Slack workspace.',
    fetch_host_not_allowed:
      "That link isn't from a host I accept images from. Please attach the image to your message instead.",
    fetch_private_address:
      'That link points to a private network address, which I never fetch from. Please attach the image instead.',
    fetch_bad_redirect_loop:
      'The link redirected too many times. Please attach the image to your message instead.',
    fetch_bad_redirect_not_web:
      'The link redirected to something that is not a web address. Please attach the image to your message instead.',
    fetch_bad_redirect_insecure:
      'The link redirected from a secure to an insecure address. Please attach the image to your message instead.',
    fetch_bad_redirect_host:
      "The link redirected to a host I don't fetch images from. Please attach the image to your message instead.",
    fetch_timeout: 'Downloading the image took too long. Please try again in a moment.',
    fetch_failed: "Couldn't download the image (network error). Please try again in a moment.",
    fetch_failed_status_retry:
      "Couldn't download the image: the file server answered HTTP {{status}}. Please try again in a moment.",
    fetch_failed_status:
      "Couldn't download the image: the file server answered HTTP {{status}}. Please upload the image again.",
    fetch_too_large: 'That file is larger than the {{mb}} MB limit. Please upload a smaller image.',
    fetch_expired: 'The attachment link has expired or was deleted — please upload the image again.',
    service_busy:
      'The bot is busy right now and could not handle that. Nothing was charged — please try again in a minute.',
    queue_unavailable:
      'The bot is busy right now and could not queue your request. Nothing was charged — please try again in a minute.',
    storage_unavailable:
      'Image storage is having trouble right now, so your request was not queued. Nothing was charged — please try again in a few minutes.',
    linking_off:
      'Account linking is not configured on this server. You can keep using the bot on the free tier.',
    not_linked: 'This chat account is not linked to an account, so there is nothing to unlink.',
    too_many_jobs_one:
      'You already have {{count}} image in progress (limit {{limit}} on the {{plan}} plan). Try again as soon as one finishes — `/jobs` shows their progress.',
    too_many_jobs_other:
      'You already have {{count}} images in progress (limit {{limit}} on the {{plan}} plan). Try again as soon as one finishes — `/jobs` shows their progress.',
    daily_quota:
      'You have used all {{limit}} free images for today. The quota resets at 00:00 UTC (in {{wait}}).',
    daily_quota_billing:
      'You have used all {{limit}} free images for today. The quota resets at 00:00 UTC (in {{wait}}). For more, `/subscribe` to a plan or buy a credit pack.',
    server_budget_off: 'Image generation is switched off on this server by its admins (`/budget`).',
    server_budget:
      'This server has used its daily budget of {{limit}} images, set by its admins. It resets at 00:00 UTC (in {{wait}}); you can still use the bot in a direct message.',
    image_unsupported_type: 'That file is not a supported image. Please attach a PNG, JPEG or WebP picture.',
    image_unsupported_type_decoded:
      'Only PNG, JPEG and WebP images are supported — please upload the picture in one of those formats.',
    image_too_large:
      'That image is {{size}}; the limit is {{limit}}. Please send a smaller or more compressed image.',
    image_too_many_pixels:
      'That image is {{mp}} megapixels; the limit is {{limit}} megapixels. Please resize it and try again.',
    image_too_many_pixels_decoded:
      'That image has too many pixels: the limit is {{limit}} megapixels. Please resize it and try again.',
    image_corrupt:
      'The image looks damaged or incomplete — please save or export it again and upload it once more.',
    image_too_small:
      'The image is too small ({{width}}×{{height}} px): each side must be at least {{min}} px. Please use a larger image.',
    source_gone: 'The original image of that job is no longer stored. Please run `/imagine` again.',
    unknown_style: 'That style does not exist. Pick one from the list.',
    moderation_flagged:
      'Your image or prompt was flagged by our content filter, so it was not sent for generation. You have not been charged.',
    provider_blocked:
      'The image service refused this request under its content policy. Try a different image or prompt. You have not been charged.',
    provider_rejected:
      'The image service could not process this request: {{reason}} You have not been charged.',
    billing_off:
      'Billing is not configured on this server, so there is nothing to buy — the free tier keeps working as usual.',
    already_subscribed: 'You already have the {{plan}} plan. Use `/account billing` to change or cancel it.',
    product_unavailable_credits: 'Credit packs are not on sale on this server.',
    product_unavailable_plan: 'The {{plan}} plan is not on sale on this server.',
    no_billing_account:
      'You have no billing account yet — `/subscribe` to a plan or buy a credit pack first.',
    job_not_found: 'That job no longer exists.',
    not_your_job: 'Only the person who asked for this image can do that.',
    not_cancellable_processing: 'That image is already being generated and can no longer be cancelled.',
    not_cancellable: 'Only queued jobs can be cancelled.',
    bad_version: 'A version is 1-40 letters, digits, ".", "_" or "-".',
    version_exists: 'Version {{version}} was already published.',
    bad_user: 'Mention the user (e.g. @name) or give their user id.',
    no_report: 'No open report with that id.',
    nothing_to_correct:
      'Tell me what to change: `/privacy correct name:<your name>`, `email:<address>` or `language:<code, e.g. en-GB>`.',
    empty_announcement: 'An announcement needs some text.',
    long_announcement: 'Keep an announcement under 1500 characters.',
    not_in_server: 'Server budgets apply to servers and workspaces — run this in one, not in a DM.',
    not_server_admin:
      'Only server admins can change the budget (Discord: the Manage Server permission; Slack: workspace admins).',
    age_refused:
      'Sorry — ImageGen is not available to people under 13, so the bot does not make images for you. We keep nothing about you except a note that you are not to be served. If this is a mistake, contact {{contact}}.',
  },
};

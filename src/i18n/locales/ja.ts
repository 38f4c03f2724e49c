/** Japanese catalogue (same keys and placeholders as `en.ts`; the `Catalogue` type enforces the shape). */
import type { Catalogue } from '../catalogue.ts';

export const ja: Catalogue = {
  commands: {
    imagine: {
      description: 'AIで画像のスタイルを変える',
      options: {
        image: { label: '画像', description: 'スタイルを変える画像（PNG、JPEG、WebP）' },
        style: { label: 'スタイル', description: 'スタイルのプリセット' },
        prompt: { label: 'プロンプト', description: '変更・追加したい内容（任意）' },
      },
    },
    jobs: { description: '最近の画像ジョブ：状況の確認、キャンセル、再実行' },
    help: { description: '画像ボットの使い方' },
    account: {
      description: 'プラン、クレジット、連携アカウント',
      subcommands: {
        status: { description: 'プラン、クレジット、連携しているチャットアカウントを表示' },
        link: {
          description:
            'このチャットアカウントをImageGenアカウントに連携（DiscordとSlackで同一人物として扱う）',
        },
        unlink: { description: 'このチャットアカウントとImageGenアカウントの連携を解除' },
        billing: { description: 'サブスクリプション、カード、請求書の管理（Stripeカスタマーポータル）' },
      },
    },
    subscribe: {
      description: 'プラン（画像が増え、キューも速くなる）またはクレジットパックを購入',
      options: {
        plan: {
          description: '購入するもの',
          choices: {
            pro: 'Pro — 毎月のクレジット、同時ジョブ4件',
            studio: 'Studio — 最多のクレジット、同時ジョブ8件',
            credits: 'クレジットパック — 1回限り',
          },
        },
      },
    },
    budget: {
      description: 'このサーバーの1日の画像予算（管理者が変更可能）',
      subcommands: {
        show: { description: 'このサーバーの1日の画像予算を表示' },
        set: {
          description: 'このサーバーが1日に作成できる画像の数を設定（管理者のみ）',
          options: {
            limit: { description: 'サーバー全体の1日あたりの画像数（0にするとここでの生成を停止）' },
          },
        },
        clear: { description: 'このサーバーの1日の予算を削除（管理者のみ）' },
      },
    },
    privacy: {
      description: 'あなたのデータ：保存内容、エクスポート、削除、同意、訂正',
      subcommands: {
        show: { description: '保存しているあなたの情報、同意の状況、問い合わせ先' },
        export: { description: 'すべてのデータと画像のコピーのダウンロードリンクを取得' },
        delete: {
          description: 'すべてのデータを削除（確認あり）',
          options: {
            immediate: { description: '90日後ではなく今すぐ画像を削除' },
            confirm: { description: 'DELETEと入力すると確認ボタンを省略' },
          },
        },
        consent: {
          description: '同意の付与・撤回：画像の学習利用、データ処理',
          options: {
            what: {
              description: 'どの同意か',
              choices: {
                training: '自分の画像でAIモデルを学習させる',
                processing: '自分のデータの処理（画像の作成）',
              },
            },
            choice: { description: 'オンまたはオフ', choices: { on: 'オン', off: 'オフ' } },
          },
        },
        marketing: {
          description: 'マーケティングメッセージ（ニュース、お知らせ）のオン・オフ',
          options: { choice: { description: 'オンまたはオフ', choices: { on: 'オン', off: 'オフ' } } },
        },
        updates: {
          description: 'プライバシーポリシー変更時のダイレクトメッセージのオン・オフ',
          options: { choice: { description: 'オンまたはオフ', choices: { on: 'オン', off: 'オフ' } } },
        },
        correct: {
          description: '保存している名前、メールアドレス、言語を訂正',
          options: {
            name: { description: 'あなたの名前' },
            email: { description: 'あなたのメールアドレス' },
            language: { description: 'メッセージの言語（例：ja）' },
          },
        },
        'report-child': {
          description: '13歳未満の可能性があるユーザーを報告',
          options: {
            user: { description: 'ユーザー：メンションまたはユーザーID' },
            details: { description: '確認に役立つ情報（任意）' },
          },
        },
      },
    },
  },
  messageActions: {
    restyle: {
      label: '画像のスタイルを変える',
      noImage:
        'このメッセージにはスタイルを変えられる画像がありません。PNG、JPEG、WebPの画像があるメッセージで使ってください。',
    },
  },
  styles: {
    watercolor: { label: '水彩画', description: 'やわらかなにじみ、紙の質感、穏やかな色の広がり。' },
    anime: { label: 'アニメ', description: 'くっきりした線とセル塗りによる日本のアニメ風。' },
    'oil-painting': { label: '油絵', description: '厚い筆致と豊かでクラシックな色彩。' },
    'pixel-art': { label: 'ピクセルアート', description: 'レトロな16ビットゲーム風のドット絵。' },
    sketch: { label: '鉛筆スケッチ', description: '紙に鉛筆、ハッチングと陰影。' },
    cyberpunk: { label: 'サイバーパンク', description: 'ネオン、雨、未来都市の雰囲気。' },
    noir: { label: 'フィルム・ノワール', description: '白黒、強い影、1940年代の映画。' },
    'pop-art': { label: 'ポップアート', description: '大胆なベタ塗りと網点。' },
    custom: {
      label: 'プロンプトのみ',
      description: 'プリセットなし：プロンプトだけでスタイルが決まります。',
    },
  },
  common: {
    internalError: '申し訳ありません。こちら側で問題が発生しました。少し時間をおいてもう一度お試しください。',
    internalErrorWithId:
      '申し訳ありません。こちら側で問題が発生しました。繰り返し起こる場合は、エラーID `{{eventId}}` を添えてサポートにお問い合わせください。',
  },
  imagine: {
    queued:
      '⏳ キューに追加しました — {{position}}番目です。**{{style}}** の画像は完成したらここに表示されます。',
    deleted: '🗑️ 削除しました。',
  },
  worker: {
    generating: '🎨 **{{style}}** の画像を生成しています…',
    resultTitle: '{{style}}に変換',
    doneIn: '{{seconds}}秒で完了しました。',
    rerun: '再実行',
    delete: '削除',
    failed: '❌ {{message}}',
    resultAlt: '{{style}}版のあなたの画像',
    sourceAlt: '元の画像',
    tryAnotherStyle: '別のスタイルを試す…',
    trialMode: '試用モード：{{parts}} — 本番サービスではありません。',
    trialOfflineFilter: 'オフライン画像フィルター（OpenAIキーなし）',
    trialLocalStorage: 'ローカルストレージ（ImageKitキーなし）',
    internalFailure:
      '申し訳ありません。こちら側で生成に失敗しました。料金は発生していません。後でもう一度お試しください。',
    internalFailureWithId:
      '申し訳ありません。こちら側で生成に失敗しました。料金は発生していません。エラーID：`{{eventId}}`。後でもう一度お試しください。',
  },
  help: {
    title: 'ImageGen — AIで画像のスタイルを変える',
    intro:
      '画像を添えて `/imagine` を実行し、スタイルを選んで、変えたい内容を（任意で）書いてください。すぐに返信してジョブをキューに入れ、結果をここに投稿します。',
    styles: 'スタイル',
  },
  jobs: {
    title: '最近のジョブ',
    empty: 'まだジョブはありません。画像を添えて `/imagine` を試してください。',
    result: '結果',
    cancel: '{{n}}をキャンセル',
    rerun: '{{n}}を再実行',
    cancelled: '🚫 キャンセルしました — 料金は発生していません。',
    status: {
      intake: '📥 受信中',
      queued: '⏳ 待機中',
      processing: '🎨 生成中',
      succeeded: '✅ 完了',
      failed: '❌ 失敗',
      cancelled: '🚫 キャンセル済み',
    },
  },
  budget: {
    title: 'サーバー予算',
    limit_one:
      'このサーバーは1日（UTC）に **{{count}}** 枚まで画像を作成できます。本日の使用数：**{{used}}**。',
    limit_other:
      'このサーバーは1日（UTC）に **{{count}}** 枚まで画像を作成できます。本日の使用数：**{{used}}**。',
    none_one:
      'このサーバーには1日の予算がありません。本日の作成数：**{{count}}** 枚。管理者は `/budget set` で設定できます。',
    none_other:
      'このサーバーには1日の予算がありません。本日の作成数：**{{count}}** 枚。管理者は `/budget set` で設定できます。',
    saved: '✅ 予算を保存しました。',
    removed: '✅ 予算を削除しました。',
    nothingToRemove: '削除する予算はありませんでした。',
  },
  subscribe: {
    linkFirstTitle: '先にアカウントを連携してください',
    linkFirst:
      '購入にはアカウント連携が必要です。これによりDiscordとSlackのどちらでも購入内容が引き継がれます。ここで連携してから、もう一度 `/subscribe` を実行してください：\n{{url}}',
    buyCreditsTitle: 'クレジットを購入',
    subscribeTitle: '購読する',
    checkout:
      'Stripeの安全な決済ページで購入を完了してください：\n{{url}}\nこのメッセージはあなたにだけ表示されています。',
  },
  account: {
    title: 'あなたのアカウント',
    notLinked: 'まだ連携されていません — `/account link` でDiscordとSlackのアカウントを1つにまとめられます。',
    plan: 'プラン',
    pastDue: '（支払い期限超過）',
    ends: ' — {{date}}に終了',
    renews: ' — {{date}}に更新',
    credits: 'クレジット',
    creditsValue: '{{credits}}（1枚につき1クレジット、優先して使用）',
    freeImages: '無料画像',
    freeImagesValue: 'クレジットなしで1日{{perDay}}枚 · 本日{{today}}枚作成',
    parallelJobs: '同時ジョブ数',
    linkedAccount: '連携アカウント',
    linked: '連携済み',
    notLinkedShort: '未連携',
    chatAccounts: 'チャットアカウント',
    workspace: '{{platform}}（ワークスペース {{scope}}）',
    linkTitle: 'アカウントを連携',
    link: '{{minutes}}分以内にこのリンクを開いてサインインしてください：\n{{url}}\nリンクは1回だけ使えます。このメッセージはあなたにだけ表示されています — リンクは共有しないでください。',
    unlinkedSplit:
      '連携を解除しました。このチャットアカウントは無料プランで新しく始まります。プラン、クレジット、履歴は連携アカウントに残ります。',
    unlinked: '連携を解除しました。プラン、クレジット、履歴はこのチャットアカウントに残ります。',
    billingTitle: '請求',
    billing: 'プラン、カード、請求書はこちらで管理できます（リンクの有効期間は短時間です）：\n{{url}}',
  },
  adapter: {
    unknownCommand: 'このコマンドはここではもう使えません。',
    formExpired:
      'このフォームは期限切れです。メッセージメニュー（アプリ → アクション）をもう一度開いてやり直してください。',
    replyFailed: '申し訳ありません。回答を表示できませんでした。少し時間をおいてもう一度お試しください。',
    dmInstead:
      '📬 指定された場所に投稿できないため（そこではアプリがあなた専用にインストールされているか、チャンネルに投稿できません）、ダイレクトメッセージでお送りします。',
    dmsClosed:
      '🔒 ダイレクトメッセージが受け付けられていないため、DMで送れませんでした。結果をDMで受け取るには、ダイレクトメッセージを許可してください：サーバーアイコンを右クリック → プライバシー設定 → ダイレクトメッセージ（すべてのサーバーの場合はユーザー設定 → コンテンツ＆ソーシャル）。',
  },
  privacyNotices: {
    ageGateTitle: '最初の画像の前に',
    ageGate:
      '**13歳以上**であること、およびプライバシーポリシー（バージョン{{version}}）に同意することを確認してください：{{url}}\nサービス提供のため、送信された画像、生成結果、プロンプトを保存します。`/privacy` でいつでも確認・エクスポート・削除できます。同意がない限り、あなたの画像をAIモデルの学習に使うことはありません。',
    acceptAdult: '13歳以上で、同意します',
    under13: '13歳未満です',
    decline: '同意しない',
    accept: '同意する',
    changedTitle: 'プライバシーポリシーが変更されました',
    published: 'プライバシーポリシーのバージョン{{version}}を公開しました：{{url}}',
    whatChanged: '変更点：{{summary}}',
    pleaseAccept:
      '画像の作成を続けるには、内容を読んで同意してください。同意しない場合も、`/privacy export` と `/privacy delete` は引き続き使えます。',
    withdrawn:
      'データ処理への同意を撤回されたため、ボットは画像を作成しません。再び使うには、もう一度同意してください（下のボタン、または `/privacy consent what:processing choice:on`）。',
    consentAgain: 'もう一度同意する',
    updateTitle: 'プライバシーポリシーの更新',
    updateNextTime: '次に画像を作成するときに同意を求められます。',
    updateFooter:
      'ポリシー変更の通知をオンにしているため、このメッセージが届いています。/privacy updates choice:off で停止できます',
    newsTitle: 'ImageGenのお知らせ',
    newsFooter:
      '受信に同意されたため、このメッセージが届いています。いつでも停止できます：/privacy marketing choice:off',
  },
  consents: {
    newerVersion: 'その間に新しいバージョンのポリシーが公開されました。',
    accepted:
      '✅ ありがとうございます — プライバシーポリシー（バージョン{{version}}）に同意しました。もう一度 `/imagine` を実行して画像を作成してください。',
    declinedKeep:
      'プライバシーポリシーのバージョン{{version}}に同意しなかったため、同意するまでボットは画像を作成しません。データはご依頼があるまで保持されます：`/privacy export` でコピーを取得、`/privacy delete` で削除できます。',
    declined:
      '承知しました — 同意されなかったため、ボットは画像を作成せず、あなたに関する情報は何も保存しません。気が変わったら、もう一度 `/imagine` を実行してください。',
    processingOn: '✅ データ処理に同意しました — また画像を作成できます。',
    processingOff:
      '🛑 データ処理への同意を撤回しました。`/privacy consent what:processing choice:on` で再び同意するまで、ボットは画像を作成しません。データは `/privacy delete` で削除するまで保持されます。',
    trainingOn:
      '✅ 学習利用オン：あなたの画像をAIモデルの学習に使うことを許可しました（ポリシーバージョン{{version}}で記録）。いつでもオフにできます：`/privacy consent what:training choice:off`。',
    trainingOff: '✅ 学習利用オフ：あなたの画像はAIモデルの学習に使われません。',
    marketingOn:
      '✅ マーケティングメッセージオン：ImageGenのニュースをDMでお送りすることがあります。いつでも停止できます：`/privacy marketing choice:off`。',
    marketingOff: '✅ マーケティングメッセージオフ：ニュースやお知らせは届きません。',
    policy_updatesOn: '✅ ポリシー変更の通知オン：プライバシーポリシーが変わったらDMでお知らせします。',
    policy_updatesOff: '✅ ポリシー変更の通知オフ。ポリシーが変わった際は、ボット内に通知が表示されます。',
  },
  privacyRequests: {
    nothingToDelete: 'あなたに関するデータは保存していないため、削除するものはありません。',
    imagesNow: '画像はすぐに削除され、CDNキャッシュからも消去されます。',
    imagesKept:
      '画像はあなたとの関連付けを外したうえで{{days}}日間保持され、その後削除されます（すぐに削除するには `immediate` を選んでください）。',
    deleteTitle: 'すべてのデータを削除しますか？',
    deleteText:
      'プロフィール、連携しているチャットID、画像ジョブとプロンプト、同意、エクスポートを消去し、連携しているImageGenのログインと支払い顧客情報を削除し、サブスクリプションを解約します。{{images}} この操作は取り消せません。',
    deleteYes: 'はい、すべて削除します',
    cancel: 'キャンセル',
    deleting:
      '🗑️ データを削除しています… 何を削除したかを、ここ（またはダイレクトメッセージ）で正確にお知らせします。',
    keep: 'キャンセルしました — 何も削除されていません。',
    nothingToExport: 'あなたに関するデータは保存していないため、エクスポートするものはありません。',
    exportPending: 'エクスポートはすでに準備中です — 準備ができ次第リンクをお送りします。',
    exportTitle: 'エクスポートを準備しています',
    exportText:
      '📦 保存しているあなたの情報（プロフィール、ID、プロンプト付きの画像ジョブ、クレジット、同意、リクエスト）と画像をZIPファイルにまとめています。準備ができたら、ダウンロードリンクをダイレクトメッセージでお送りします。リンクは{{hours}}時間、このエクスポートに限り有効です。',
  },
  privacyOverview: {
    title: 'あなたのデータとプライバシー',
    contact: '問い合わせ先',
    contactValue:
      'プライバシー：{{privacy}} · サポート：{{support}}\nポリシー（バージョン{{version}}）：{{url}}',
    rights: 'あなたの権利',
    rightsValue:
      '`/privacy export` すべてのコピー · `/privacy delete` 消去 · `/privacy correct` 名前・メールの訂正 · `/privacy consent` 学習利用・データ処理 · `/privacy marketing` と `/privacy updates` メッセージ · `/privacy report-child` 13歳未満のユーザーを報告',
    refused:
      'あなたが同意しなかった、または対応しない対象であるという記録（チャットIDの一方向ハッシュ）以外、何も保存していません。',
    nothing: 'あなたに関するデータは保存していません。ボットを使うまで何も保存されません。',
    intro: '保存しているあなたの情報は以下のとおりです。このメッセージはあなたにだけ表示されています。',
    profile: 'プロフィール',
    profileValue:
      'プラン：{{plan}} · クレジット：{{credits}}\n名前：{{name}} · メール：{{email}}\n連携アカウント：{{linked}} · 支払い顧客：{{customer}}',
    yesClerk: 'あり（Clerk）',
    yesStripe: 'あり（Stripe）',
    no: 'なし',
    identities: '連携しているID',
    identity: '{{platform}}（{{since}}から）',
    identityWorkspace: '{{platform}}（ワークスペース {{scope}}、{{since}}から）',
    records: '記録',
    recordsValue:
      'プロンプト付き画像ジョブ{{generations}}件（画像保存あり{{stored}}件） · クレジット記録{{ledger}}件 · サブスクリプション{{subscriptions}}件 · 同意記録{{consents}}件 · プライバシーリクエスト{{requests}}件',
    consents: '同意',
    acceptedVersion: 'バージョン{{version}}（{{day}}）',
    acceptedOld: 'バージョン{{version}}（{{day}}、現行：{{current}}）',
    notYet: '未確認',
    consentsValue:
      '年齢確認：{{age}} · プライバシーポリシーへの同意：{{accepted}}\nデータ処理：{{processing}} · 画像の学習利用：{{training}}\nマーケティングメッセージ：{{marketing}} · ポリシー変更の通知：{{updates}}',
    withdrawnOn: '{{day}}に撤回',
    given: '同意済み',
    on: 'オン',
    off: 'オフ',
  },
  privacyCorrect: {
    nameAlsoLinked: '連携アカウントの名前も変更しました。',
    emailLinked:
      'メールアドレスは連携アカウントのもので、そちらで確認されています：そちらで変更すると、次回の連携時にボットに反映されます。',
    emailLinkedAt:
      'メールアドレスは連携アカウントのもので、そちらで確認されています：そちら（{{url}}）で変更すると、次回の連携時にボットに反映されます。',
    updated: '✅ 更新しました：{{fields}}。',
    unchanged: 'ここでは何も変更されていません。',
    name: '名前',
    email: 'メール',
    language: '言語',
    childReported:
      'ありがとうございます — 報告はチームに送られました。内容を確認し、13歳未満であればアカウントを削除します。報告したのが誰かは、報告されたユーザーには知らされません。{{contact}}宛てにご連絡いただくこともできます。',
  },
  erasure: {
    alreadyTitle: '削除するものは残っていません',
    already:
      'データはすでに消去されていたため、削除するものはありませんでした。二重に削除しても問題ありません。',
    title: 'データを削除しました',
    removedHeading: '**今回削除したもの：**',
    profile: 'プロフィール：名前、メール、プラン、クレジット、同意、設定',
    identities_one: '連携チャットID {{count}}件（{{list}}）、連携解除済み',
    identities_other: '連携チャットID {{count}}件（{{list}}）、連携解除済み',
    generations_one: '画像ジョブ{{count}}件とそのプロンプト',
    generations_other: '画像ジョブ{{count}}件とそのプロンプト',
    consentRecords_one: '同意記録{{count}}件',
    consentRecords_other: '同意記録{{count}}件',
    exports_one: 'エクスポートアーカイブ{{count}}件',
    exports_other: 'エクスポートアーカイブ{{count}}件',
    subscriptions_one: 'サブスクリプション記録{{count}}件',
    subscriptions_other: 'サブスクリプション記録{{count}}件',
    queued_one: '待機中のジョブ{{count}}件（キャンセル済み、未実行）',
    queued_other: '待機中のジョブ{{count}}件（キャンセル済み、未実行）',
    clerk: 'ImageGenアカウントのログイン（Clerk）',
    stripe: 'Stripeの顧客情報',
    stripeCancelled_one: 'Stripeの顧客情報、サブスクリプション{{count}}件を解約',
    stripeCancelled_other: 'Stripeの顧客情報、サブスクリプション{{count}}件を解約',
    imagesNow_one:
      '**画像：** 保存されていた画像{{count}}枚（アップロードと生成結果）を今すぐ削除し、CDNキャッシュからも消去しました。',
    imagesNow_other:
      '**画像：** 保存されていた画像{{count}}枚（アップロードと生成結果）を今すぐ削除し、CDNキャッシュからも消去しました。',
    imagesLater_one:
      '**画像：** 保存されている画像{{count}}枚（アップロードと生成結果）は、プライバシーポリシーのとおり、{{days}}日後の{{date}}（UTC）に画像ストレージから削除されます。すでにあなたとは結び付けられていません。',
    imagesLater_other:
      '**画像：** 保存されている画像{{count}}枚（アップロードと生成結果）は、プライバシーポリシーのとおり、{{days}}日後の{{date}}（UTC）に画像ストレージから削除されます。すでにあなたとは結び付けられていません。',
    imagesNone: '**画像：** 保存されていたものはありません。',
    ledger_one: 'クレジット台帳の記録{{count}}件（会計用）',
    ledger_other: 'クレジット台帳の記録{{count}}件（会計用）',
    requests_one: 'プライバシーリクエストの記録{{count}}件（対応した証拠）',
    requests_other: 'プライバシーリクエストの記録{{count}}件（対応した証拠）',
    kept: '**あなたを特定できる情報を除いて保持するもの：** {{list}}。',
    end: 'その他にあなたに関する情報は残っていません。再びボットを使うと、新しい空のアカウントで始まります。お問い合わせ：{{contact}}',
  },
  privacyExport: {
    failed:
      '申し訳ありません — データのエクスポートを作成できませんでした。チームに通知済みで、対応して完了させます。後でもう一度 `/privacy export` を実行するか、{{contact}}までご連絡いただくこともできます。',
    failedWithId:
      '申し訳ありません — データのエクスポートを作成できませんでした。チームに通知済み（エラーID `{{eventId}}`）で、対応して完了させます。後でもう一度 `/privacy export` を実行するか、{{contact}}までご連絡いただくこともできます。',
    readyTitle: 'データのエクスポートの準備ができました',
    ready:
      'こちらからダウンロードしてください：{{link}}\nリンクは{{until}} UTCまで有効です。リンクを持っている人は誰でもデータをダウンロードできるため、共有しないでください。ZIPには `export.json`（保存しているあなたのすべての記録）と画像が含まれています。',
  },
  dispatch: {
    unknownCommand: 'このコマンドはここではもう使えません。`/help` をお試しください。',
    invalidOptions: '無効なオプションがあります：\n{{problems}}',
  },
  billingNotices: {
    paymentFailedTitle: '支払いに失敗しました',
    paymentFailed:
      'ImageGenプランの支払いを処理できませんでした。Stripeが数日のうちに再試行します。プランを失わないよう、`/account billing` でカード情報を更新してください。',
  },
  errors: {
    discord_unreachable:
      '/jobs に保存しました — 結果を送れませんでした：指定された場所に投稿できず、ダイレクトメッセージも受け付けられていません。結果を受け取るには、私からのダイレクトメッセージを許可してください。',
    slack_not_installed:
      'このSlackワークスペースにはアプリがインストールされていないため、回答を投稿できませんでした。',
    slack_token_revoked: 'このSlackワークスペースからアプリが削除されました。',
    fetch_host_not_allowed:
      'このリンクは画像を受け付けているホストのものではありません。代わりに画像をメッセージに添付してください。',
    fetch_private_address:
      'このリンクはプライベートネットワークのアドレスを指しており、そこからは取得しません。代わりに画像を添付してください。',
    fetch_bad_redirect_loop: 'リンクのリダイレクトが多すぎます。代わりに画像をメッセージに添付してください。',
    fetch_bad_redirect_not_web:
      'リンクのリダイレクト先がWebアドレスではありません。代わりに画像をメッセージに添付してください。',
    fetch_bad_redirect_insecure:
      'リンクが安全なアドレスから安全でないアドレスへリダイレクトされました。代わりに画像をメッセージに添付してください。',
    fetch_bad_redirect_host:
      'リンクのリダイレクト先は画像を取得しないホストです。代わりに画像をメッセージに添付してください。',
    fetch_timeout: '画像のダウンロードに時間がかかりすぎました。少し時間をおいてもう一度お試しください。',
    fetch_failed:
      '画像をダウンロードできませんでした（ネットワークエラー）。少し時間をおいてもう一度お試しください。',
    fetch_failed_status_retry:
      '画像をダウンロードできませんでした：ファイルサーバーがHTTP {{status}}を返しました。少し時間をおいてもう一度お試しください。',
    fetch_failed_status:
      '画像をダウンロードできませんでした：ファイルサーバーがHTTP {{status}}を返しました。画像をもう一度アップロードしてください。',
    fetch_too_large: 'ファイルが上限の{{mb}} MBを超えています。もっと小さい画像をアップロードしてください。',
    fetch_expired:
      '添付ファイルのリンクが期限切れか削除されています — 画像をもう一度アップロードしてください。',
    service_busy:
      'ボットが混み合っているため処理できませんでした。料金は発生していません — 1分ほどしてからもう一度お試しください。',
    queue_unavailable:
      'ボットが混み合っているためリクエストをキューに追加できませんでした。料金は発生していません — 1分ほどしてからもう一度お試しください。',
    storage_unavailable:
      '画像ストレージに問題が発生しているため、リクエストはキューに追加されませんでした。料金は発生していません — 数分後にもう一度お試しください。',
    linking_off: 'このサーバーではアカウント連携が設定されていません。無料プランでそのままボットを使えます。',
    not_linked: 'このチャットアカウントはどのアカウントにも連携されていないため、解除するものはありません。',
    too_many_jobs_one:
      'すでに{{count}}件の画像を処理中です（{{plan}}プランの上限は{{limit}}件）。どれかが終わったらもう一度お試しください — 進捗は `/jobs` で確認できます。',
    too_many_jobs_other:
      'すでに{{count}}件の画像を処理中です（{{plan}}プランの上限は{{limit}}件）。どれかが終わったらもう一度お試しください — 進捗は `/jobs` で確認できます。',
    daily_quota:
      '本日の無料画像{{limit}}枚をすべて使いました。上限は00:00 UTCにリセットされます（あと{{wait}}）。',
    daily_quota_billing:
      '本日の無料画像{{limit}}枚をすべて使いました。上限は00:00 UTCにリセットされます（あと{{wait}}）。もっと使うには `/subscribe` でプランに加入するか、クレジットパックを購入してください。',
    server_budget_off: 'このサーバーでは管理者によって画像生成がオフになっています（`/budget`）。',
    server_budget:
      'このサーバーは管理者が設定した1日の予算{{limit}}枚を使い切りました。00:00 UTCにリセットされます（あと{{wait}}）。ダイレクトメッセージでは引き続きボットを使えます。',
    image_unsupported_type:
      'このファイルは対応している画像ではありません。PNG、JPEG、WebPの画像を添付してください。',
    image_unsupported_type_decoded:
      '対応している画像はPNG、JPEG、WebPのみです — いずれかの形式で画像をアップロードしてください。',
    image_too_large:
      'この画像は{{size}}で、上限は{{limit}}です。もっと小さいか、圧縮した画像を送ってください。',
    image_too_many_pixels:
      'この画像は{{mp}}メガピクセルで、上限は{{limit}}メガピクセルです。サイズを縮小してもう一度お試しください。',
    image_too_many_pixels_decoded:
      'この画像はピクセル数が多すぎます：上限は{{limit}}メガピクセルです。サイズを縮小してもう一度お試しください。',
    image_corrupt:
      '画像が破損しているか不完全なようです — 保存またはエクスポートし直して、もう一度アップロードしてください。',
    image_too_small:
      '画像が小さすぎます（{{width}}×{{height}} px）：各辺が{{min}} px以上必要です。もっと大きい画像を使ってください。',
    source_gone: 'このジョブの元画像はもう保存されていません。もう一度 `/imagine` を実行してください。',
    unknown_style: 'そのスタイルは存在しません。一覧から選んでください。',
    moderation_flagged:
      '画像またはプロンプトがコンテンツフィルターに検出されたため、生成には送られませんでした。料金は発生していません。',
    provider_blocked:
      '画像サービスがコンテンツポリシーに基づいてこのリクエストを拒否しました。別の画像やプロンプトをお試しください。料金は発生していません。',
    provider_rejected:
      '画像サービスがこのリクエストを処理できませんでした：{{reason}} 料金は発生していません。',
    billing_off:
      'このサーバーでは課金が設定されていないため、購入できるものはありません — 無料プランはこれまでどおり使えます。',
    already_subscribed:
      'すでに{{plan}}プランに加入しています。変更や解約は `/account billing` から行えます。',
    product_unavailable_credits: 'このサーバーではクレジットパックを販売していません。',
    product_unavailable_plan: 'このサーバーでは{{plan}}プランを販売していません。',
    no_billing_account:
      'まだ請求アカウントがありません — 先に `/subscribe` でプランに加入するか、クレジットパックを購入してください。',
    job_not_found: 'そのジョブはもう存在しません。',
    not_your_job: 'この画像をリクエストした本人だけが操作できます。',
    not_cancellable_processing: 'この画像はすでに生成中のため、キャンセルできません。',
    not_cancellable: 'キャンセルできるのはキュー内のジョブだけです。',
    bad_version: 'バージョンは1〜40文字の英字、数字、「.」「_」「-」で指定してください。',
    version_exists: 'バージョン{{version}}はすでに公開されています。',
    bad_user: 'ユーザーをメンションする（例：@name）か、ユーザーIDを指定してください。',
    no_report: 'そのIDの未処理の報告はありません。',
    nothing_to_correct:
      '変更内容を指定してください：`/privacy correct name:<名前>`、`email:<アドレス>`、または `language:<コード、例：ja>`。',
    empty_announcement: 'お知らせには本文が必要です。',
    long_announcement: 'お知らせは1500文字未満にしてください。',
    not_in_server:
      'サーバー予算はサーバーとワークスペースに適用されます — ダイレクトメッセージではなく、そのいずれかで実行してください。',
    not_server_admin:
      '予算を変更できるのはサーバー管理者だけです（Discord：サーバー管理権限、Slack：ワークスペース管理者）。',
    age_refused:
      '申し訳ありません — ImageGenは13歳未満の方はご利用いただけないため、ボットは画像を作成しません。対応しないという記録以外、あなたに関する情報は何も保存しません。誤りの場合は{{contact}}までご連絡ください。',
  },
};

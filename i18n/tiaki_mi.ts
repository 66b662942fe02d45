<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mi_NZ">
<context>
    <name></name>
    <message>
        <source>title</source>
        <translation type="vanished">Taitara</translation>
    </message>
    <message>
        <source>revocation</source>
        <translation type="obsolete">Hīkitanga</translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="vanished">Āe</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation type="vanished">Matatapu</translation>
    </message>
    <message>
        <source>page</source>
        <translation type="vanished">Whārangi</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="17"/>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="18"/>
        <source>About Tiaki and security</source>
        <translation type="unfinished">Mō Tiaki me te haumarutanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="22"/>
        <source>About and security information</source>
        <translation type="unfinished">Ngā mōhiohio mō Tiaki me te haumarutanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="34"/>
        <source># Tiaki {version}</source>
        <translation># Tiaki {version}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="35"/>
        <source>Tiaki keeps client records on this computer, encrypted, and records who looked at or changed them.</source>
        <translation type="unfinished">Ka tiakina e Tiaki ngā mauhanga kiritaki ki tēnei rorohiko, he mea whakamuna, ā, ka tuhia ko wai i titiro, i whakarerekē rānei i aua mauhanga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="37"/>
        <source>**Data directory:** `{path}`</source>
        <translation type="unfinished">**Whaiaronga raraunga:** `{path}`</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="38"/>
        <source>## What is encrypted</source>
        <translation type="unfinished">## Ngā mea kua whakamunatia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="39"/>
        <source>The whole database — every client record, note, worker and the audit log — is encrypted (SQLCipher, AES-256) with a random data key. Its journal is encrypted too. Without a passphrase or the recovery key, the files are unreadable.</source>
        <translation type="unfinished">Kua whakamunatia te pātengi raraunga katoa — ia mauhanga kiritaki, tuhipoka, kaimahi me te rārangi arotake — (SQLCipher, AES-256) ki tētahi kī raraunga matapōkere. Kua whakamunatia hoki tōna hautaka. Ki te kore he kupuhipa, he kī whakaora rānei, e kore e taea te pānui i ngā kōnae.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="42"/>
        <source>## Passphrases and the recovery key</source>
        <translation type="unfinished">## Ngā kupuhipa me te kī whakaora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="43"/>
        <source>The data key is never stored as it is. Each worker&apos;s passphrase unlocks their own copy of it (a &quot;key slot&quot;), protected by Argon2id, which makes guessing slow. Changing a passphrase rewrites only that worker&apos;s slot. The organisation&apos;s recovery key is one more slot: it opens the store if a passphrase is forgotten, and then sets a new passphrase. Keep it on paper, somewhere safe, away from the laptop.</source>
        <translation type="unfinished">Kāore rawa te kī raraunga e tiakina i tōna āhua ake. Ka wewete te kupuhipa o ia kaimahi i tāna ake tārua o taua kī (he &quot;wāhi kī&quot;), he mea tiaki e Argon2id, e pōturi ai te matapae. Ki te panoni i tētahi kupuhipa, ko te wāhi kī anake o taua kaimahi ka tuhia anōtia. He wāhi kī anō te kī whakaora o te whakahaere: ka whakatuwhera i te pātaka ki te warewarehia tētahi kupuhipa, kātahi ka tautuhi i tētahi kupuhipa hou. Tiakina ki runga pepa, ki tētahi wāhi haumaru, tawhiti atu i te rorohiko pōnaho.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="48"/>
        <source>## Audit log</source>
        <translation type="unfinished">## Rārangi arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="49"/>
        <source>Every view and change is recorded in a hash-chained log with signed checkpoints. Tools → Verify log checks it and names the first altered entry.</source>
        <translation type="unfinished">Ka tuhia ia tirohanga me ia whakarerekētanga ki tētahi rārangi hono ā-hash, me ōna tohu hainatia. Mā Taputapu → Manatoko rārangi arotake e tirotiro, ā, ka whakaingoatia te tāurunga tuatahi kua whakarerekētia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="53"/>
        <source>The log holds {n} entries.</source>
        <translation type="unfinished">Ngā tāurunga kei te rārangi: {n}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="55"/>
        <source>## Honest limits</source>
        <translation type="unfinished">## Ngā tepenga pono</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="56"/>
        <source>- While Tiaki is unlocked, records are in this computer&apos;s memory. Python cannot reliably wipe text from memory, so locking forgets the key but some text may linger until it is overwritten.</source>
        <translation type="unfinished">- I te wā kua wewetehia a Tiaki, kei te pūmahara o tēnei rorohiko ngā mauhanga. Kāore e taea e Python te tino ūkui i ngā kuputuhi i te pūmahara, nō reira ka wareware te kī ina rakaina, engari tērā pea ka toitū tonu ētahi kuputuhi kia tuhia rā anō he mea hou ki runga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="59"/>
        <source>- Roles are enforced by Tiaki. A worker who has a passphrase could still read the whole database with their own tools: give passphrases only to people who may see every record on this computer.</source>
        <translation type="unfinished">- Mā Tiaki e whakatinana ngā tūranga. Ka taea tonu e tētahi kaimahi whai kupuhipa te pānui i te pātengi raraunga katoa ki āna ake taputapu: hoatu kupuhipa ki ngā tāngata anake e āhei ana ki te kite i ia mauhanga i tēnei rorohiko.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="62"/>
        <source>- The audit chain shows any altered or removed entry in the middle, but a cut-off tail looks like a shorter, valid log unless a copy of a later checkpoint is kept elsewhere.</source>
        <translation type="unfinished">- Ka whakaatu te mekameka arotake i ngā tāurunga kua whakarerekētia, kua tangohia rānei i waenganui, engari ki te tapahia te hiku, ka rite ki tētahi rārangi poto ake, whaimana hoki, ki te kore tētahi tārua o tētahi tohu hainatia o muri mai e tiakina ki tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/about_dialog.py" line="64"/>
        <source>- Tiaki locks itself after a few idle minutes; lock it yourself (Ctrl+L) when you step away.</source>
        <translation type="unfinished">- Ka raka a Tiaki i a ia anō i muri i ētahi meneti kore mahi; rakaina e koe anō (Ctrl+L) ina wehe atu koe.</translation>
    </message>
</context>
<context>
    <name>AddAgreementDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="65"/>
        <source>Add agreement with {partner}</source>
        <translation type="unfinished">Tāpiri whakaritenga ki a {partner}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="66"/>
        <source>Add sharing agreement</source>
        <translation type="unfinished">Tāpiri whakaritenga tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="73"/>
        <source>Legal basis</source>
        <translation type="unfinished">Tūāpapa ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="77"/>
        <source>Agreement name</source>
        <translation type="unfinished">Ingoa o te whakaritenga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="78"/>
        <source>Needed for an approved information sharing agreement</source>
        <translation type="unfinished">Me whai mō tētahi whakaritenga tiritiri mōhiohio kua whakamanahia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="80"/>
        <source>Reference</source>
        <translation>Tohutoro</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="81"/>
        <source>e.g. the statute, for a legal requirement</source>
        <translation type="unfinished">hei tauira, te ture, mō tētahi here ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="82"/>
        <source>&amp;Basis:</source>
        <translation type="unfinished">&amp;Tūāpapa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="82"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ingoa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="83"/>
        <source>&amp;Reference:</source>
        <translation type="unfinished">Tohut&amp;oro:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="87"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="89"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="91"/>
        <source>Fields excluded</source>
        <translation type="unfinished">Ngā āpure kua wehea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="93"/>
        <source>&amp;Purposes it covers:</source>
        <translation type="unfinished">Ngā ta&amp;ke e hipokina ana:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="94"/>
        <source>&amp;Information it covers:</source>
        <translation type="unfinished">Ngā &amp;mōhiohio e hipokina ana:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="95"/>
        <source>Fields &amp;excluded (never sent under it):</source>
        <translation type="unfinished">Ngā āpure kua &amp;wehea (kāore rawa e tukuna i raro i tēnei):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="103"/>
        <source>Valid from</source>
        <translation type="unfinished">Whai mana mai i</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="105"/>
        <source>Valid &amp;until:</source>
        <translation type="unfinished">Whai mana tae &amp;noa ki:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="106"/>
        <source>Has an end date</source>
        <translation type="unfinished">He rā mutunga tōna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="107"/>
        <source>Valid until</source>
        <translation type="unfinished">Whai mana tae noa ki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="112"/>
        <source>Valid &amp;from:</source>
        <translation type="unfinished">Whai m&amp;ana mai i:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="117"/>
        <source>What is still needed</source>
        <translation type="unfinished">Ngā mea e hiahiatia tonu ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="120"/>
        <source>&amp;Add agreement</source>
        <translation type="unfinished">Tā&amp;piri whakaritenga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="132"/>
        <source>The name and reference may be at most {n} characters each, with no characters that cannot be stored.</source>
        <translation type="unfinished">Ko te ingoa me te tohutoro, kia {n} ngā pū te mōrahi mō ia mea, kaua he pū e kore e taea te penapena.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="135"/>
        <source>An approved information sharing agreement needs its name.</source>
        <translation type="unfinished">Me whai ingoa tētahi whakaritenga tiritiri mōhiohio kua whakamanahia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="137"/>
        <source>A legal requirement needs the statute in the reference.</source>
        <translation type="unfinished">Me tuhi te ture ki te tohutoro mō tētahi here ā-ture.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="139"/>
        <source>Choose at least one purpose and one kind of information.</source>
        <translation type="unfinished">Kōwhiria kia kotahi neke atu te take, kia kotahi neke atu te momo mōhiohio.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="145"/>
        <source>The end date must be after the start date.</source>
        <translation type="unfinished">Me muri mai te rā mutunga i te rā tīmata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/agreement_dialog.py" line="163"/>
        <source>Not added: {problem}</source>
        <translation type="unfinished">Kāore i tāpirihia: {problem}</translation>
    </message>
</context>
<context>
    <name>AddPartnerDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="81"/>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="82"/>
        <source>Add partner</source>
        <translation type="unfinished">Tāpiri rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="87"/>
        <source>Partner&apos;s name</source>
        <translation type="unfinished">Te ingoa o te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="89"/>
        <source>Kind of partner</source>
        <translation type="unfinished">Te momo rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="92"/>
        <source>&amp;Overseas (outside New Zealand)</source>
        <translation type="unfinished">Kei &amp;tāwāhi (i waho o Aotearoa)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="94"/>
        <source>IPP 12 basis for sending overseas</source>
        <translation type="unfinished">Tūāpapa IPP 12 mō te tuku ki tāwāhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="95"/>
        <source>e.g. comparable safeguards (IPP 12(1)(b)); leave empty if none</source>
        <translation type="unfinished">hei tauira, he ārai haumaru ōrite (IPP 12(1)(b)); waiho kia wātea ki te kore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="99"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ingoa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="99"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Momo:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="101"/>
        <source>IPP 12 &amp;basis:</source>
        <translation type="unfinished">Tūāpa&amp;pa IPP 12:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="103"/>
        <source>Without an IPP 12 basis nothing is sent to an overseas partner.</source>
        <translation type="unfinished">Ki te kore he tūāpapa IPP 12, kāore he mea e tukuna ki tētahi rōpū pātui kei tāwāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="107"/>
        <source>What is still needed</source>
        <translation type="unfinished">Ngā mea e hiahiatia tonu ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="110"/>
        <source>&amp;Add partner</source>
        <translation type="unfinished">Tāpiri &amp;rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="117"/>
        <source>Give the partner&apos;s name (at most 300 characters, with no characters that cannot be stored).</source>
        <translation type="unfinished">Tuhia te ingoa o te rōpū pātui (kia kaua e neke ake i te 300 pū, kaua hoki he pū e kore e taea te penapena).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="134"/>
        <source>Not added: {problem}</source>
        <translation type="unfinished">Kāore i tāpirihia: {problem}</translation>
    </message>
</context>
<context>
    <name>AddWorkerDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="179"/>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="180"/>
        <source>Add worker</source>
        <translation>Tāpiri kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="184"/>
        <source>Sign-in name</source>
        <translation type="unfinished">Ingoa takiuru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="186"/>
        <source>Display name</source>
        <translation type="unfinished">Ingoa whakaatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="187"/>
        <source>Role</source>
        <translation>Tūranga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="188"/>
        <source>&amp;Sign-in name:</source>
        <translation type="unfinished">&amp;Ingoa takiuru:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="189"/>
        <source>&amp;Display name:</source>
        <translation type="unfinished">Ingoa &amp;whakaatu:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="189"/>
        <source>&amp;Role:</source>
        <translation type="unfinished">&amp;Tūranga:</translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="55"/>
        <source>The privacy officer&apos;s sign-in</source>
        <translation type="unfinished">Te takiuru a te āpiha matatapu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="56"/>
        <source>The privacy officer can add the other workers later.</source>
        <translation type="unfinished">Ka taea e te āpiha matatapu te tāpiri i ētahi atu kaimahi ā muri ake.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="60"/>
        <source>Sign-in name</source>
        <translation type="unfinished">Ingoa takiuru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="62"/>
        <source>Display name</source>
        <translation type="unfinished">Ingoa whakaatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="63"/>
        <source>&amp;Sign-in name:</source>
        <translation type="unfinished">&amp;Ingoa takiuru:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="64"/>
        <source>&amp;Display name:</source>
        <translation type="unfinished">Ingoa &amp;whakaatu:</translation>
    </message>
</context>
<context>
    <name>AssignmentRow</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="29"/>
        <source>Assign to worker</source>
        <translation type="unfinished">Tautapa ki tētahi kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="30"/>
        <source>Assign &amp;to:</source>
        <translation type="unfinished">Tautap&amp;a ki:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="32"/>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="33"/>
        <source>Assign</source>
        <translation type="unfinished">Tautapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="49"/>
        <source>Caseworker: {name}</source>
        <translation type="unfinished">Kaimahi take: {name}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_assignment.py" line="50"/>
        <source>Not assigned</source>
        <translation type="unfinished">Kāore anō kia tautapahia</translation>
    </message>
</context>
<context>
    <name>CardFiles</name>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="50"/>
        <source>&amp;Choose file…</source>
        <translation type="unfinished">Kōwhiri kō&amp;nae…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="99"/>
        <source>Card &amp;file:</source>
        <translation type="unfinished">Kōnae &amp;kāri:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="100"/>
        <source>Card file</source>
        <translation type="unfinished">Kōnae kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="108"/>
        <source>Fingerprint</source>
        <translation>Tapumati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="111"/>
        <source>Fingerprint:</source>
        <translation>Tapumati:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="118"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/card_files.py" line="153"/>
        <source>That file cannot be read.</source>
        <translation type="unfinished">Kāore e taea te pānui i taua kōnae.</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="55"/>
        <source>Change my passphrase</source>
        <translation type="unfinished">Panoni i taku kupuhipa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="56"/>
        <source>Only your own key slot changes; nobody else&apos;s passphrase and no record is affected.</source>
        <translation type="unfinished">Ko tō ake wāhi kī anake ka panoni; kāore e pāngia te kupuhipa o tētahi atu, tētahi mauhanga rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="61"/>
        <source>Current passphrase</source>
        <translation type="unfinished">Kupuhipa o nāianei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="62"/>
        <source>&amp;Current passphrase:</source>
        <translation type="unfinished">Kupuhipa o &amp;nāianei:</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="62"/>
        <source>Client record</source>
        <translation type="unfinished">Mauhanga kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="74"/>
        <source>Problem saving</source>
        <translation type="unfinished">Hapa i te tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="77"/>
        <source>A&amp;nonymous contact (no identity details)</source>
        <translation type="unfinished">Whakapānga i&amp;ngoa-kore (kāore he taipitopito tuakiri)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="78"/>
        <source>Anonymous contact (no identity details)</source>
        <translation type="unfinished">Whakapānga ingoa-kore (kāore he taipitopito tuakiri)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="80"/>
        <source>Record this contact without identity details, for a purpose that does not need to know who they are.</source>
        <translation type="unfinished">Tuhia tēnei whakapānga me te kore taipitopito tuakiri, mō tētahi take kāore e hiahiatia kia mōhio ko wai te tangata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="84"/>
        <source>Anonymous contact: recorded without identity details.</source>
        <translation type="unfinished">Whakapānga ingoa-kore: i tuhia me te kore taipitopito tuakiri.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="85"/>
        <location filename="../desktop/tiaki/ui/client_form.py" line="182"/>
        <source>Anonymous contact</source>
        <translation type="unfinished">Whakapānga ingoa-kore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="44"/>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="45"/>
        <source>Field groups</source>
        <translation type="unfinished">Ngā rōpū āpure</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="104"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="108"/>
        <source>Save</source>
        <translation>Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="78"/>
        <source>Copy</source>
        <translation>Tārua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="79"/>
        <source>Copy {label}</source>
        <translation type="unfinished">Tārua {label}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="80"/>
        <source>Copy this value; the clipboard is cleared again after {s} seconds.</source>
        <translation type="unfinished">Tāruatia tēnei uara; ka ūkuia anō te papatopenga ā muri i ngā hēkona e {s}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="90"/>
        <source>Problem with {label}</source>
        <translation type="unfinished">He hapa kei {label}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="135"/>
        <source>&amp;Archive…</source>
        <translation type="unfinished">&amp;Pūranga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="143"/>
        <source>&amp;Save</source>
        <translation>&amp;Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="144"/>
        <source>Save (Ctrl+S)</source>
        <translation>Tiaki (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="146"/>
        <source>&amp;Close</source>
        <translation>&amp;Kati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="179"/>
        <source>New client</source>
        <translation>Kiritaki hou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="182"/>
        <source>Client</source>
        <translation>Kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="184"/>
        <source>{title} — Tiaki</source>
        <translation>{title} — Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="132"/>
        <source>an unknown worker</source>
        <translation type="unfinished">he kaimahi kāore i mōhiotia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="134"/>
        <source>from the person</source>
        <translation type="unfinished">mai i te tangata ake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="136"/>
        <source>from {detail}</source>
        <translation type="unfinished">mai i {detail}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="137"/>
        <source>another source</source>
        <translation type="unfinished">tētahi atu mātāpuna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="143"/>
        <source>Recorded by {who}, {when}, {source}, for: {purposes}</source>
        <translation type="unfinished">I tuhia e {who}, {when}, {source}, mō: {purposes}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_groups.py" line="140"/>
        <source>Recorded by {who}, {when}, {source}</source>
        <translation type="unfinished">I tuhia e {who}, {when}, {source}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="96"/>
        <source>C&amp;onsent</source>
        <translation type="unfinished">&amp;Whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="98"/>
        <source>Sha&amp;ring</source>
        <translation type="unfinished">Ti&amp;ritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="113"/>
        <source>Consent</source>
        <translation>Whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="114"/>
        <source>What would be shared</source>
        <translation type="unfinished">He aha ka tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="116"/>
        <source>Refer to partner</source>
        <translation type="unfinished">Tuku ki te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="138"/>
        <source>R&amp;efer to partner…</source>
        <translation type="unfinished">T&amp;uku ki te rōpū pātui…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="139"/>
        <source>Make an encrypted referral packet for a partner (Ctrl+Shift+R)</source>
        <translation type="unfinished">Hangaia he pūkete tukunga whakamuna mō tētahi rōpū pātui (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="268"/>
        <source>Nothing was saved: fix the fields marked below.</source>
        <translation type="unfinished">Kāore he mea i tiakina: whakatikahia ngā āpure kua tohua i raro.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="302"/>
        <source>Nothing has changed.</source>
        <translation type="unfinished">Kāore he mea kua panoni.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="337"/>
        <source>Not saved: the collection step was cancelled. What you typed is kept.</source>
        <translation type="unfinished">Kāore i tiakina: i whakakorehia te wāhanga kohikohi. Kei te puritia tāu i pato ai.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="347"/>
        <location filename="../desktop/tiaki/ui/client_form.py" line="350"/>
        <source>Nothing was saved: {problem}</source>
        <translation type="unfinished">Kāore he mea i tiakina: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="354"/>
        <source>Saved.</source>
        <translation>Kua tiakina.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="367"/>
        <source>Nothing to copy.</source>
        <translation type="unfinished">Kāore he mea hei tārua.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="370"/>
        <source>Copied. The clipboard will be cleared in {s} seconds.</source>
        <translation type="unfinished">Kua tāruatia. Ka ūkuia te papatopenga ā muri i ngā hēkona e {s}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="376"/>
        <source>Archive client</source>
        <translation type="unfinished">Pūranga kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="377"/>
        <source>Archive this client&apos;s record? It leaves the client list; its history and audit trail are kept.</source>
        <translation type="unfinished">Me kuhu te mauhanga o tēnei kiritaki ki te pūranga? Ka puta atu i te rārangi kiritaki; ka puritia tonutia tōna hītori me tōna rārangi arotake.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="408"/>
        <source>Unsaved changes</source>
        <translation type="unfinished">Ngā panonitanga kāore anō kia tiakina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_form.py" line="409"/>
        <source>Close without saving your changes?</source>
        <translation type="unfinished">Me kati me te kore e tiaki i ō panonitanga?</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_list_model.py" line="32"/>
        <source>Name</source>
        <translation>Ingoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_list_model.py" line="33"/>
        <source>Date of birth</source>
        <translation>Rā whānau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_list_model.py" line="34"/>
        <source>Updated</source>
        <translation type="unfinished">I whakahoutia</translation>
    </message>
</context>
<context>
    <name>ClientReport</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="58"/>
        <source>Who your information has been shared with</source>
        <translation>Ko wai kua whiwhi i ō mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="59"/>
        <source>Confidential</source>
        <translation>Matatapu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="60"/>
        <source>Page {page} of {pages}</source>
        <translation>Whārangi {page} o {pages}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="61"/>
        <source>Organisation</source>
        <translation>Whakahaere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="62"/>
        <source>Made for</source>
        <translation>I hangaia mō</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="63"/>
        <source>Date</source>
        <translation>Rā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="64"/>
        <source>This report lists every organisation that {organisation} has shared your information with from this computer: when, what kinds of information, what for, on what basis, and how it was sent.</source>
        <translation>Ka whakarārangitia e tēnei pūrongo ia whakahaere kua tukuna atu e {organisation} ō mōhiohio ki a rātou mai i tēnei rorohiko: āhea, he aha ngā momo mōhiohio, he aha te take, i runga i te aha, ā, i pēhea te tuku.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="68"/>
        <source>We have not shared your information with any other organisation from this computer.</source>
        <translation>Kāore anō mātou kia tuku i ō mōhiohio ki tētahi atu whakahaere mai i tēnei rorohiko.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="70"/>
        <source>When</source>
        <translation>Āhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="71"/>
        <source>Once, on {date}.</source>
        <translation>Kotahi anake, i te {date}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="72"/>
        <source>First: {first}. Most recent: {last}. Times in all: {times}.</source>
        <translation>Te wā tuatahi: {first}. Te wā whakamutunga: {last}. Te maha o ngā wā: {times}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="73"/>
        <source>What kinds of information</source>
        <translation>Ngā momo mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="74"/>
        <source>What for</source>
        <translation>Te take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="75"/>
        <source>On what basis</source>
        <translation>I runga i te aha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="76"/>
        <source>How it was sent</source>
        <translation>I pēhea te tuku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="77"/>
        <source>Seeing and correcting your information</source>
        <translation>Te kite me te whakatika i ō mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="78"/>
        <source>You have the right to ask us for the information we hold about you (Privacy Act 2020, principle 6) and to ask us to correct it (principle 7). If we do not correct it, you can ask us to attach a statement of the correction you asked for. We answer within 20 working days.</source>
        <translation>E whai mana ana koe ki te tono ki a mātou mō ngā mōhiohio e puritia ana e mātou mōu (Privacy Act 2020, mātāpono 6), ā, ki te tono kia whakatikaina (mātāpono 7). Ki te kore mātou e whakatika, ka taea e koe te tono kia tāpirihia he kōrero mō te whakatikatanga i tonoa e koe. Ka whakautu mātou i roto i ngā rā mahi e 20.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="83"/>
        <source>Who to contact</source>
        <translation>Ko wai hei whakapā atu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="84"/>
        <source>Ask your worker, or the privacy officer at {organisation}. If you are not satisfied with our answer, you can complain to the Privacy Commissioner: privacy.org.nz or 0800 803 909.</source>
        <translation>Pātai atu ki tō kaimahi, ki te āpiha matatapu rānei o {organisation}. Ki te kore koe e pai ki tā mātou whakautu, ka taea e koe te amuamu ki Te Mana Mātāpono Matatapu (Privacy Commissioner): privacy.org.nz, 0800 803 909 rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="87"/>
        <source>This report holds personal information. Keep it somewhere safe.</source>
        <translation>He mōhiohio whaiaro kei roto i tēnei pūrongo. Tiakina kia haumaru.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="92"/>
        <source>Sent encrypted over the internet, straight to the organisation&apos;s secure inbox.</source>
        <translation>I tukuna mā te ipurangi, he mea whakamuna, ki te pouakauru haumaru o te whakahaere.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="94"/>
        <source>Handed over as an encrypted file that only that organisation can open.</source>
        <translation>I hoatu hei kōnae whakamuna, ko taua whakahaere anake e āhei ana ki te huaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="96"/>
        <source>On a printed or PDF referral form.</source>
        <translation>I runga i tētahi puka tukunga kua tāngia, he PDF rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="101"/>
        <source>You agreed to it (your consent).</source>
        <translation>I whakaae koe (tō whakaaetanga).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="102"/>
        <source>It was for the purpose we collected it for, or a directly related purpose.</source>
        <translation>Mō te take i kohia ai, mō tētahi take e hāngai tonu ana rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="104"/>
        <source>You, or someone allowed to act for you, authorised it.</source>
        <translation>Nāu, nā tētahi rānei e whai mana ana ki te mahi mōu, i whakaae kia tukuna.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="106"/>
        <source>An approved information sharing agreement under the Privacy Act 2020 allows it.</source>
        <translation>E whakaaetia ana e tētahi whakaritenga tiritiri mōhiohio kua whakamanahia i raro i te Privacy Act 2020.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="108"/>
        <source>An information matching programme allowed by law.</source>
        <translation>He hōtaka whakataurite mōhiohio e whakaaetia ana e te ture.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="110"/>
        <source>The law required it.</source>
        <translation>I herea e te ture.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="111"/>
        <source>It was necessary to prevent or lessen a serious threat to someone&apos;s life or health.</source>
        <translation>I tika kia tukuna hei ārai, hei whakaiti rānei i tētahi mōrearea nui ki te ora, ki te hauora rānei o tētahi tangata.</translation>
    </message>
</context>
<context>
    <name>ClientReportDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="268"/>
        <source>Shared-with report — {person}</source>
        <translation type="unfinished">Pūrongo tiritiri — {person}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="269"/>
        <source>Shared-with report</source>
        <translation type="unfinished">Pūrongo tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="271"/>
        <source>A report for the person of every organisation their information was shared with from this computer, and how to ask to see or correct it. The PDF is not encrypted: give it to the person and do not keep a copy.</source>
        <translation type="unfinished">He pūrongo mā te tangata mō ia whakahaere i tiria ai ōna mōhiohio mai i tēnei rorohiko, me te āhua o te tono kia kite, kia whakatika rānei. Kāore te PDF i whakamunatia: hoatu ki te tangata, ā, kaua e pupuri i tētahi tārua.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="278"/>
        <source>Language of the report</source>
        <translation type="unfinished">Reo o te pūrongo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="279"/>
        <source>English</source>
        <translation>Ingarihi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="280"/>
        <source>te reo Māori</source>
        <translation>te reo Māori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="282"/>
        <source>&amp;Language of the report:</source>
        <translation type="unfinished">&amp;Reo o te pūrongo:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="285"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="290"/>
        <source>Report status</source>
        <translation type="unfinished">Tūnga pūrongo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="294"/>
        <source>Save as P&amp;DF…</source>
        <translation type="unfinished">Tiaki hei P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="296"/>
        <source>&amp;Print…</source>
        <translation type="unfinished">&amp;Tā…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="323"/>
        <source>No translation for that language is installed, so the report is in English.</source>
        <translation type="unfinished">Kāore he whakawhitinga reo mō taua reo kua tāutahia, nō reira kei te reo Ingarihi te pūrongo.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="326"/>
        <source>Save the shared-with report</source>
        <translation type="unfinished">Tiaki i te pūrongo tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="327"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="340"/>
        <source>The report was not saved: that file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore i tiakina te pūrongo: kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="347"/>
        <source>The report was not saved: {problem}</source>
        <translation type="unfinished">Kāore i tiakina te pūrongo: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="349"/>
        <source>The report was saved as {file} (not encrypted).</source>
        <translation type="unfinished">I tiakina te pūrongo hei {file} (kāore i whakamunatia).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="357"/>
        <source>Print the shared-with report</source>
        <translation type="unfinished">Tāngia te pūrongo tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="373"/>
        <source>The report was not printed: the printer could not be used.</source>
        <translation type="unfinished">Kāore i tāngia te pūrongo: kāore i taea te whakamahi i te pūreretā.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="376"/>
        <source>The report was not printed: {problem}</source>
        <translation type="unfinished">Kāore i tāngia te pūrongo: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_report.py" line="378"/>
        <source>The report was sent to the printer.</source>
        <translation type="unfinished">Kua tukuna te pūrongo ki te pūreretā.</translation>
    </message>
</context>
<context>
    <name>ClientSharingPanel</name>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="27"/>
        <source>What has been shared about this person, with whom, and whether the partner confirmed receiving it.</source>
        <translation type="unfinished">Ngā mea kua tiria mō tēnei tangata, ki a wai, ā, mēnā i whakaū te rōpū pātui kua tae atu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="34"/>
        <source>Shared with partners</source>
        <translation type="unfinished">Kua tiria ki ngā rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="41"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="45"/>
        <source>S&amp;hare with partner…</source>
        <translation type="unfinished">&amp;Tiri ki tētahi rōpū pātui…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="47"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Whakahou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="49"/>
        <source>Share&amp;d-with report…</source>
        <translation type="unfinished">&amp;Pūrongo tiritiri…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/client_sharing_panel.py" line="50"/>
        <source>A report for the person of who their information was shared with, in English or te reo Māori</source>
        <translation type="unfinished">He pūrongo mā te tangata mō te hunga i tiria ai ōna mōhiohio, i te reo Pākehā, i te reo Māori rānei</translation>
    </message>
</context>
<context>
    <name>CollectionDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="49"/>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="50"/>
        <source>Collecting information</source>
        <translation type="unfinished">Te kohikohi mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="56"/>
        <source>Before saving, record why this information is collected, where it came from, and the notice the person was given.</source>
        <translation type="unfinished">I mua i te tiaki, tuhia te take e kohikohia ai ēnei mōhiohio, te wāhi i ahu mai ai, me te pānui i hoatu ki te tangata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="65"/>
        <source>What is still needed</source>
        <translation type="unfinished">Ngā mea e hiahiatia tonu ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="73"/>
        <source>&amp;Save</source>
        <translation>&amp;Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="92"/>
        <source>&amp;Purposes (choose at least one; Space ticks the selected one):</source>
        <translation type="unfinished">&amp;Ngā take (kōwhiria kia kotahi neke atu; mā Space e tohu te mea kua tīpakohia):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="94"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="95"/>
        <source>Why this information is collected. Choose at least one.</source>
        <translation type="unfinished">Te take e kohikohia ai ēnei mōhiohio. Kōwhiria kia kotahi neke atu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="116"/>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="117"/>
        <source>Where did the information come from?</source>
        <translation type="unfinished">I ahu mai ngā mōhiohio i hea?</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="119"/>
        <source>From the person &amp;themselves</source>
        <translation type="unfinished">Mai i te tangata &amp;ake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="120"/>
        <source>From someone &amp;else</source>
        <translation type="unfinished">Mai i tēta&amp;hi atu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="129"/>
        <source>Source&apos;s name</source>
        <translation type="unfinished">Te ingoa o te mātāpuna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="131"/>
        <source>Why not from the person</source>
        <translation type="unfinished">He aha i kore ai i ahu mai i te tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="132"/>
        <source>e.g. the person asked their daughter to speak for them</source>
        <translation type="unfinished">hei tauira, i tono te tangata ki tana tamāhine kia kōrero mōna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="133"/>
        <source>Source&apos;s &amp;name:</source>
        <translation type="unfinished">Te &amp;ingoa o te mātāpuna:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="134"/>
        <source>&amp;Why not from the person:</source>
        <translation type="unfinished">He aha i &amp;kore ai i ahu mai i te tangata:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="143"/>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="144"/>
        <source>Collection notice</source>
        <translation type="unfinished">Pānui kohinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="148"/>
        <source>Notice language</source>
        <translation type="unfinished">Te reo o te pānui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="149"/>
        <source>The language the person chose for the notice.</source>
        <translation type="unfinished">Te reo i kōwhiria e te tangata mō te pānui.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="154"/>
        <source>Notice &amp;language:</source>
        <translation type="unfinished">Te &amp;reo o te pānui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="163"/>
        <source>Notice to read to the person</source>
        <translation type="unfinished">Te pānui me pānui atu ki te tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="165"/>
        <source>This translation is a first draft awaiting review by a fluent speaker.</source>
        <translation type="unfinished">He tauira tuatahi tēnei whakawhitinga reo, e tatari ana kia arotakehia e tētahi matatau ki te reo.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="168"/>
        <source>Translation note</source>
        <translation type="unfinished">Kōrero mō te whakawhitinga reo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="177"/>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="178"/>
        <source>When was the notice given?</source>
        <translation type="unfinished">Nōnahea i hoatu ai te pānui?</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="180"/>
        <source>&amp;Before collecting the information</source>
        <translation type="unfinished">I &amp;mua i te kohikohi i ngā mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="181"/>
        <source>&amp;After collecting it (telling them before was not practicable)</source>
        <translation type="unfinished">I m&amp;uri i te kohikohi (kāore i taea te whakamōhio i mua)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="232"/>
        <source>Notice version {version}</source>
        <translation type="unfinished">Putanga pānui {version}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="240"/>
        <source>Give the source&apos;s name and why the information did not come from the person.</source>
        <translation type="unfinished">Tuhia te ingoa o te mātāpuna me te pūtake kāore ai ngā mōhiohio i ahu mai i te tangata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="246"/>
        <source>The source&apos;s name and reason may be at most 300 characters each, with no characters that cannot be stored.</source>
        <translation type="unfinished">Ko te ingoa o te mātāpuna me te pūtake, kia kaua e neke ake i te 300 pū ia mea, ā, kaua he pū e kore e taea te penapena.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/collection_dialog.py" line="256"/>
        <source>Choose at least one purpose: no purpose, no save.</source>
        <translation type="unfinished">Kōwhiria kia kotahi te take neke atu: ki te kore he take, kāore e tiakina.</translation>
    </message>
</context>
<context>
    <name>ConsentModel</name>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="42"/>
        <source>Decision</source>
        <translation>Whakatau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="43"/>
        <source>Recipients</source>
        <translation>Ngā kaiwhiwhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="44"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="45"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="46"/>
        <source>Given</source>
        <translation type="unfinished">I hoatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="47"/>
        <source>Expires</source>
        <translation type="unfinished">Ka pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="48"/>
        <source>Method</source>
        <translation type="unfinished">Tikanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="49"/>
        <source>Language</source>
        <translation>Reo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="50"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_model.py" line="123"/>
        <source>No expiry</source>
        <translation type="unfinished">Kāore he rā pau</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="50"/>
        <source>Consent</source>
        <translation>Whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="53"/>
        <source>&amp;Consent records (current and past):</source>
        <translation type="unfinished">Ngā &amp;mauhanga whakaaetanga (o nāianei, o mua):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="57"/>
        <source>Consent records</source>
        <translation type="unfinished">Ngā mauhanga whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="72"/>
        <source>Selected consent&apos;s history</source>
        <translation type="unfinished">Te hītori o te whakaaetanga kua tīpakohia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="75"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="80"/>
        <source>&amp;Record consent…</source>
        <translation type="unfinished">Tuhi whakaaetan&amp;ga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="81"/>
        <source>&amp;Withdraw…</source>
        <translation type="unfinished">U&amp;nu…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="82"/>
        <source>&amp;Print receipt…</source>
        <translation type="unfinished">Tā r&amp;ihīti…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="83"/>
        <source>What would be s&amp;hared…</source>
        <translation type="unfinished">&amp;He aha ka tiria…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="84"/>
        <source>What would be shared with a partner (Ctrl+Shift+W)</source>
        <translation type="unfinished">He aha ka tiria ki tētahi rōpū pātui (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="134"/>
        <source>No consent recorded yet.</source>
        <translation type="unfinished">Kāore anō kia tuhia he whakaaetanga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="140"/>
        <source>an unknown worker</source>
        <translation type="unfinished">he kaimahi kāore i mōhiotia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="141"/>
        <source>{event} {when} by {who}</source>
        <translation type="unfinished">{event} {when}, nā {who}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="144"/>
        <source> (reason: {reason})</source>
        <translation type="unfinished"> (pūtake: {reason})</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="146"/>
        <source>{decision}: {purposes}. Notice version {version} ({language}). History: {events}.</source>
        <translation type="unfinished">{decision}: {purposes}. Putanga pānui {version} ({language}). Hītori: {events}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="203"/>
        <source>Print consent receipt</source>
        <translation type="unfinished">Tā rihīti whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="204"/>
        <source>The receipt is saved as an ordinary PDF file that holds this person&apos;s information unencrypted: anyone who can open the file can read it. Save it only where you will print it or hand it to the person, and delete any copy left on this computer afterwards.</source>
        <translation type="unfinished">Ka tiakina te rihīti hei kōnae PDF noa, e mau ana i ngā mōhiohio o tēnei tangata kāore i whakamunatia: ka taea e te tangata ka whakatuwhera i te kōnae te pānui. Tiakina anake ki te wāhi ka tāngia ai e koe, ka hoatu ai rānei e koe ki te tangata, ā, muri iho, tangohia ngā tārua e toe ana ki tēnei rorohiko.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="219"/>
        <source>Save consent receipt (personal information, unencrypted)</source>
        <translation type="unfinished">Tiaki rihīti whakaaetanga (mōhiohio whaiaro, kāore i whakamunatia)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="220"/>
        <source>PDF files (*.pdf)</source>
        <translation>Ngā kōnae PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_panel.py" line="231"/>
        <source>The receipt could not be saved to {path}.</source>
        <translation type="unfinished">Kāore i taea te tiaki i te rihīti ki {path}.</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="143"/>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="144"/>
        <source>Decide on a disclosure</source>
        <translation type="unfinished">Whakatau i tētahi whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="146"/>
        <source>{kind}: {partner}, {when}, shared by {worker}. {fact}.</source>
        <translation type="unfinished">{kind}: {partner}, {when}, nā {worker} i tiri. {fact}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="150"/>
        <source>The disclosure</source>
        <translation type="unfinished">Te whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="153"/>
        <source>&amp;Accepted: the disclosure was justified</source>
        <translation type="unfinished">&amp;Whakaaetia: i tika te whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="154"/>
        <source>&amp;Rejected: it should not have happened</source>
        <translation type="unfinished">Whakakāh&amp;oretia: kāore i tika kia puta</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="164"/>
        <source>Comment</source>
        <translation type="unfinished">Kōrero</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="165"/>
        <source>Why? Say what you checked and what follows (required).</source>
        <translation type="unfinished">He aha ai? Kōrerotia ngā mea i tirohia e koe me ngā mea ka whai ake (me whakakī).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="166"/>
        <source>&amp;Comment:</source>
        <translation type="unfinished">&amp;Kōrero:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="171"/>
        <source>Comment length</source>
        <translation type="unfinished">Te roa o te kōrero</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="174"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="177"/>
        <source>Record &amp;decision</source>
        <translation type="unfinished">&amp;Tuhi whakatau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="196"/>
        <source>{count} of at most {max} characters</source>
        <translation type="unfinished">{count} o te {max} pū te mōrahi</translation>
    </message>
</context>
<context>
    <name>DecisionTables</name>
    <message>
        <location filename="../desktop/tiaki/ui/decision_tables.py" line="83"/>
        <location filename="../desktop/tiaki/ui/decision_tables.py" line="87"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/decision_tables.py" line="83"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/decision_tables.py" line="87"/>
        <source>Why it is withheld</source>
        <translation type="unfinished">Te pūtake e puritia ai</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="23"/>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="24"/>
        <source>Possible duplicate</source>
        <translation type="unfinished">He tārua pea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="29"/>
        <source>A client with the same name and date of birth may already exist: {names}.</source>
        <translation type="unfinished">Tērā pea kua noho kē mai tētahi kiritaki he ōrite te ingoa me te rā whānau: {names}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="33"/>
        <source>A client with the same name and date of birth may already exist.</source>
        <translation type="unfinished">Tērā pea kua noho kē mai tētahi kiritaki he ōrite te ingoa me te rā whānau.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="34"/>
        <source>{n} more outside your caseload: ask your coordinator before adding a second record.</source>
        <translation type="unfinished">{n} atu anō kei waho i ō kiritaki: pātai ki tō kaiwhakarite i mua i te tāpiri i tētahi mauhanga tuarua.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="37"/>
        <source>Open the existing record, or save this one as a new client.</source>
        <translation type="unfinished">Whakatuwheratia te mauhanga o nāianei, tiakina rānei tēnei hei kiritaki hou.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="40"/>
        <source>Open {name}</source>
        <translation type="unfinished">Whakatuwhera i a {name}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/duplicate_warning.py" line="44"/>
        <source>Save as new client</source>
        <translation type="unfinished">Tiaki hei kiritaki hou</translation>
    </message>
</context>
<context>
    <name>EnrolCardDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="28"/>
        <source>Enrol a partner from its card</source>
        <translation type="unfinished">Whakauru i tētahi rōpū pātui mai i tōna kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="29"/>
        <source>The partner sends you its card file. Before Tiaki trusts it, phone the partner (on a number you already know) and read the fingerprint below to each other.</source>
        <translation type="unfinished">Ka tukuna mai e te rōpū pātui tōna kōnae kāri. I mua i te whakawhirinaki a Tiaki ki a ia, waea atu ki te rōpū pātui (mā tētahi nama kua mōhio kē koe), ā, me pānui tētahi ki tētahi i te tapumati kei raro nei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="31"/>
        <source>Partner on the card</source>
        <translation type="unfinished">Te rōpū pātui kei te kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="31"/>
        <source>Inbox address</source>
        <translation type="unfinished">Wāhitau pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="31"/>
        <source>Partner:</source>
        <translation type="unfinished">Rōpū pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="31"/>
        <source>Inbox:</source>
        <translation type="unfinished">Pouakauru:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="32"/>
        <source>I read the fingerprint with the partner and every digit &amp;matches</source>
        <translation type="unfinished">I pānuitia e au te tapumati me te rōpū pātui, ā, e ō&amp;rite ana ngā mati katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="33"/>
        <source>&amp;Enrol</source>
        <translation type="unfinished">&amp;Whakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="33"/>
        <source>Partner card</source>
        <translation type="unfinished">Kāri rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="34"/>
        <source>Partner cards (*.json);;All files (*)</source>
        <translation type="unfinished">Ngā kāri rōpū pātui (*.json);;Ngā kōnae katoa (*)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="41"/>
        <source>That file is not a usable partner card (it may be damaged or of another kind).</source>
        <translation type="unfinished">Ehara taua kōnae i te kāri rōpū pātui e taea ana te whakamahi (tērā pea kua pakaru, he momo kē rānei).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="45"/>
        <source>None: this partner receives referral packets only</source>
        <translation type="unfinished">Kore: he pūkete tukunga anake e tae ana ki tēnei rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="47"/>
        <source>{name} (a new key replacing an enrolled one)</source>
        <translation type="unfinished">{name} (he kī hou hei whakakapi i tētahi kua whakaurua kē)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="54"/>
        <source>This card does not replace the partner&apos;s current key, or is not signed by it.</source>
        <translation type="unfinished">Kāore tēnei kāri e whakakapi i te kī o nāianei o te rōpū pātui, kāore rānei i hainatia e taua kī.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/enrol_dialog.py" line="55"/>
        <source>Not enrolled: {problem}</source>
        <translation type="unfinished">Kāore i whakaurua: {problem}</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../desktop/tiaki/ui/field_editors.py" line="45"/>
        <source>(not recorded)</source>
        <translation type="unfinished">(kāore i tuhia)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/field_editors.py" line="54"/>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished">YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="23"/>
        <source>There is no field called &apos;{field}&apos;.</source>
        <translation type="unfinished">Kāore he āpure ko &apos;{field}&apos; te ingoa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="24"/>
        <source>{label} is required.</source>
        <translation type="unfinished">{label}: me whakakī.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="25"/>
        <source>{label} cannot be recorded for an anonymous contact.</source>
        <translation type="unfinished">{label}: kāore e taea te tuhi mō tētahi whakapānga ingoa-kore.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="26"/>
        <source>{label} must be {expected}.</source>
        <translation type="unfinished">{label}: me noho hei {expected}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="27"/>
        <source>{label} is too long ({length} characters; at most {max_length}).</source>
        <translation type="unfinished">{label}: he roa rawa ({length} pū; {max_length} te mōrahi).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="28"/>
        <source>{label} contains a character that cannot be stored ({chars}).</source>
        <translation type="unfinished">{label}: kei roto he pū e kore e taea te penapena ({chars}).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="30"/>
        <source>{label} is not in the expected form. {hint}</source>
        <translation type="unfinished">{label}: kāore i te āhua e tūmanakohia ana. {hint}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="31"/>
        <source>{label} must be a date written as YYYY-MM-DD.</source>
        <translation type="unfinished">{label}: me tuhi hei rā pēnei YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="32"/>
        <source>{label} is not a real date.</source>
        <translation type="unfinished">{label}: ehara i te rā tūturu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="33"/>
        <source>{label} cannot be before {min}.</source>
        <translation type="unfinished">{label}: kaua e mua atu i te {min}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="34"/>
        <source>{label} cannot be in the future.</source>
        <translation type="unfinished">{label}: kaua e noho ki te anamata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="35"/>
        <source>{label}: that is not one of the choices.</source>
        <translation type="unfinished">{label}: ehara tērā i tētahi o ngā kōwhiringa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="36"/>
        <source>{label} must be at least {min}.</source>
        <translation type="unfinished">{label}: ko {min} te iti rawa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="37"/>
        <source>{label} must be at most {max}.</source>
        <translation type="unfinished">{label}: ko {max} te nui rawa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="38"/>
        <source>{label} is not an email address.</source>
        <translation type="unfinished">{label}: ehara i te wāhitau īmēra.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="39"/>
        <source>{label} may contain only digits, spaces, +, - and brackets.</source>
        <translation type="unfinished">{label}: ko ngā mati, ngā mokowā, te +, te - me ngā taiapa anake e whakaaetia ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="43"/>
        <source>text</source>
        <translation type="unfinished">kuputuhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="44"/>
        <source>a whole number</source>
        <translation type="unfinished">tau tōpū</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="47"/>
        <source>When</source>
        <translation type="unfinished">Āhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="48"/>
        <source>Client</source>
        <translation>Kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="49"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="50"/>
        <source>Worker</source>
        <translation>Kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="51"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="52"/>
        <source>Channel</source>
        <translation type="unfinished">Ara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="53"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="54"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="63"/>
        <source>Sync</source>
        <translation type="unfinished">Tukutahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="64"/>
        <source>Packet</source>
        <translation type="unfinished">Pūkete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="65"/>
        <source>Print</source>
        <translation>Tā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="68"/>
        <source>Sent to the partner&apos;s inbox by sync</source>
        <translation type="unfinished">I tukuna ki te pouakauru o te rōpū pātui mā te tukutahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="69"/>
        <source>An encrypted referral packet, handed over as a file</source>
        <translation type="unfinished">He pūkete tukunga whakamuna, i hoatu hei kōnae</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="70"/>
        <source>A referral form, printed or saved as PDF</source>
        <translation type="unfinished">He puka tukunga, i tāngia, i tiakina hei PDF rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="74"/>
        <source>Exported as an encrypted file</source>
        <translation type="unfinished">I kaweakehia hei kōnae whakamuna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="75"/>
        <source>Printed</source>
        <translation type="unfinished">Kua tāngia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="78"/>
        <source>Form printed</source>
        <translation type="unfinished">Kua tāngia te puka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="79"/>
        <source>Form saved as PDF</source>
        <translation type="unfinished">Kua tiakina te puka hei PDF</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_model.py" line="81"/>
        <source>Serious-threat override</source>
        <translation type="unfinished">Whakatau motuhake mōrearea nui</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="46"/>
        <source>Consent</source>
        <translation>Whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="47"/>
        <source>Purpose of collection</source>
        <translation type="unfinished">Te take i kohia ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="48"/>
        <source>Authorised by the person</source>
        <translation type="unfinished">Nā te tangata i whakamana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="49"/>
        <source>Approved sharing agreement</source>
        <translation type="unfinished">Whakaritenga tiritiri kua whakamanahia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="50"/>
        <source>Information matching</source>
        <translation type="unfinished">Whakataurite mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="51"/>
        <source>Legal requirement</source>
        <translation type="unfinished">Here ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="52"/>
        <source>Serious threat</source>
        <translation type="unfinished">Mōrearea nui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="108"/>
        <source>Highlighted week</source>
        <translation type="unfinished">Te wiki kua tīpakohia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="124"/>
        <source>Other partners ({count})</source>
        <translation type="unfinished">Ētahi atu rōpū pātui ({count})</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="155"/>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="165"/>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="247"/>
        <source>No disclosures to show.</source>
        <translation type="unfinished">Kāore he whākinga hei whakaatu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="156"/>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="176"/>
        <source>{partner} {count}</source>
        <translation>{partner} {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="158"/>
        <source>Week of {date}: {count} disclosure(s)</source>
        <translation type="unfinished">Te wiki o {date}: ngā whākinga {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="166"/>
        <source>{weeks} weeks, {total} disclosure(s)</source>
        <translation type="unfinished">Ngā wiki {weeks}, ngā whākinga {total}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="169"/>
        <source>busiest week {date} with {count}</source>
        <translation type="unfinished">te wiki tino kapi {date}, e {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="171"/>
        <source>{basis} {percent}%</source>
        <translation>{basis} {percent}%</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="175"/>
        <source>by basis: {bases}</source>
        <translation type="unfinished">mā te tūāpapa: {bases}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="178"/>
        <source>by partner: {partners}</source>
        <translation type="unfinished">mā te rōpū pātui: {partners}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="184"/>
        <source>Disclosures per week. {week}</source>
        <translation type="unfinished">Ngā whākinga ia wiki. {week}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="186"/>
        <source>Use the Left and Right arrow keys to move between weeks.</source>
        <translation type="unfinished">Whakamahia ngā pātuhi pere Mauī me Matau hei neke i waenga i ngā wiki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="258"/>
        <source>Disclosures per week, by partner</source>
        <translation type="unfinished">Ngā whākinga ia wiki, mā te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="353"/>
        <source>By legal basis (a disclosure can rest on more than one)</source>
        <translation type="unfinished">Mā te tūāpapa ā-ture (ka taea e tētahi whākinga te whai tūāpapa neke atu i te kotahi)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_chart.py" line="378"/>
        <source>{basis}: {count} ({percent}%)</source>
        <translation>{basis}: {count} ({percent}%)</translation>
    </message>
</context>
<context>
    <name>HistoryDetail</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="39"/>
        <source>Queued to share</source>
        <translation type="unfinished">Kei te tūtira kia tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="40"/>
        <source>Sealed for the partner</source>
        <translation type="unfinished">Kua hiritia mō te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="41"/>
        <source>Items dropped at sealing</source>
        <translation type="unfinished">Ngā mea i makere i te hiritanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="42"/>
        <source>Cancelled</source>
        <translation type="unfinished">Kua whakakorehia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="43"/>
        <source>Sealed again</source>
        <translation type="unfinished">Kua hiritia anō</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="44"/>
        <source>Receipt from the partner</source>
        <translation type="unfinished">Rihīti mai i te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="45"/>
        <source>Refused by the partner</source>
        <translation type="unfinished">I whakakāhoretia e te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="46"/>
        <source>Stopped: needs attention</source>
        <translation type="unfinished">Kua tū: me aro atu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="47"/>
        <source>Consent withdrawal notice queued</source>
        <translation type="unfinished">Kua tūtira te pānui unu whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="48"/>
        <source>Referral packet exported</source>
        <translation type="unfinished">Kua kaweakehia te pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="49"/>
        <source>Referral form printed</source>
        <translation type="unfinished">Kua tāngia te puka tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="50"/>
        <source>Referral form saved as PDF</source>
        <translation type="unfinished">Kua tiakina te puka tukunga hei PDF</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="51"/>
        <source>Referral packet saved again</source>
        <translation type="unfinished">Kua tiakina anō te pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="52"/>
        <source>Detail viewed</source>
        <translation type="unfinished">Kua tirohia ngā taipitopito</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="53"/>
        <source>Review decision</source>
        <translation type="unfinished">Whakatau arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="54"/>
        <source>Client record viewed</source>
        <translation type="unfinished">Kua tirohia te mauhanga kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="57"/>
        <source>Accepted</source>
        <translation type="unfinished">Kua whakaaetia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="58"/>
        <source>Rejected</source>
        <translation type="unfinished">Kua whakakāhoretia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="102"/>
        <source>(Tiaki itself)</source>
        <translation type="unfinished">(Ko Tiaki anō)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="107"/>
        <source>{client} to {partner}, {when}</source>
        <translation type="unfinished">{client} ki {partner}, {when}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="110"/>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="196"/>
        <source>What</source>
        <translation>He aha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="111"/>
        <source>Channel</source>
        <translation type="unfinished">Ara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="112"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="113"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="115"/>
        <source>Worker</source>
        <translation>Kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="116"/>
        <source>Legal basis</source>
        <translation type="unfinished">Tūāpapa ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="117"/>
        <source>Disclosure id</source>
        <translation type="unfinished">Tohu tautuhi whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="118"/>
        <source>Device</source>
        <translation type="unfinished">Pūrere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="124"/>
        <source>Serious-threat override</source>
        <translation type="unfinished">Whakatau motuhake mōrearea nui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="137"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="138"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="139"/>
        <source>No information went with this message.</source>
        <translation type="unfinished">Kāore he mōhiohio i haere tahi me tēnei karere.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="140"/>
        <source>Information shared</source>
        <translation type="unfinished">Ngā mōhiohio i tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="143"/>
        <source>Withheld, and why</source>
        <translation type="unfinished">I puritia, ā, he aha ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="144"/>
        <source>Nothing was withheld.</source>
        <translation type="unfinished">Kāore he mea i puritia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="148"/>
        <source>Dropped when it was sealed</source>
        <translation type="unfinished">I makere i te wā i hiritia ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="152"/>
        <source>Consent relied on</source>
        <translation type="unfinished">Te whakaaetanga i whakawhirinakitia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="154"/>
        <source>No consent: the information went on another basis.</source>
        <translation type="unfinished">Kāore he whakaaetanga: i tukuna ngā mōhiohio i runga i tētahi atu tūāpapa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="161"/>
        <source>No expiry</source>
        <translation type="unfinished">Kāore he rā pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="164"/>
        <source>Given</source>
        <translation type="unfinished">I hoatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="165"/>
        <source>Expires</source>
        <translation type="unfinished">Ka pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="166"/>
        <source>How</source>
        <translation type="unfinished">Pēhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="167"/>
        <source>Language</source>
        <translation>Reo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="168"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="169"/>
        <source>Now</source>
        <translation type="unfinished">Ināianei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="173"/>
        <source>Receipt</source>
        <translation type="unfinished">Rihīti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="176"/>
        <source>No receipt: a packet or a printed form leaves by hand.</source>
        <translation type="unfinished">Kāore he rihīti: ka tukuna ā-ringa te pūkete, te puka kua tāngia rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="179"/>
        <source>No receipt yet.</source>
        <translation type="unfinished">Kāore anō kia tae mai he rihīti.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="181"/>
        <source>Signature verified</source>
        <translation type="unfinished">Kua manatokona te haina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="183"/>
        <source>Signature NOT verified</source>
        <translation type="unfinished">KĀORE i manatokona te haina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="184"/>
        <source>The partner answered &apos;{status}&apos; at {when} (key {key}).</source>
        <translation type="unfinished">I whakautu te rōpū pātui &apos;{status}&apos; i te {when} (kī {key}).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="191"/>
        <source>Audit entries</source>
        <translation type="unfinished">Ngā tāurunga arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="194"/>
        <source>None found.</source>
        <translation>Kāore i kitea.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="195"/>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="205"/>
        <source>When</source>
        <translation type="unfinished">Āhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="197"/>
        <source>Who</source>
        <translation>Ko wai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="200"/>
        <source>Review decisions</source>
        <translation type="unfinished">Ngā whakatau arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="202"/>
        <source>Not reviewed.</source>
        <translation type="unfinished">Kāore anō kia arotakehia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="206"/>
        <source>Decision</source>
        <translation>Whakatau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="207"/>
        <source>Reviewer</source>
        <translation type="unfinished">Kaiarotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="208"/>
        <source>Comment</source>
        <translation type="unfinished">Kōrero</translation>
    </message>
</context>
<context>
    <name>HistoryDetailPanel</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="238"/>
        <source>&amp;Detail:</source>
        <translation type="unfinished">Taipit&amp;opito:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="240"/>
        <source>Disclosure detail</source>
        <translation type="unfinished">Taipitopito whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="249"/>
        <source>Shared-with report for this perso&amp;n…</source>
        <translation type="unfinished">Pūrongo tiritiri mō tēnei ta&amp;ngata…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="250"/>
        <source>A report for the person of every organisation their information was shared with (Privacy Act, principle 6)</source>
        <translation type="unfinished">He pūrongo mā te tangata mō ia whakahaere i tiria ai ōna mōhiohio (Privacy Act, mātāpono 6)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="267"/>
        <source>Select a disclosure in the list to see what went, on which basis, and the receipt.</source>
        <translation type="unfinished">Tīpakohia tētahi whākinga i te rārangi kia kite ai he aha i tukuna, i runga i tēhea tūāpapa, me te rihīti.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_detail.py" line="293"/>
        <source>The detail could not be read: {problem}</source>
        <translation type="unfinished">Kāore i taea te pānui i ngā taipitopito: {problem}</translation>
    </message>
</context>
<context>
    <name>HistoryFilter</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="52"/>
        <source>The &apos;to&apos; date is before the &apos;from&apos; date.</source>
        <translation type="unfinished">Kei mua te rā &apos;Ki&apos; i te rā &apos;Mai i&apos;.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="53"/>
        <source>A date in the filter is not a real date.</source>
        <translation type="unfinished">Ehara tētahi rā kei te tātari i te rā tūturu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="54"/>
        <source>The search text is too long or has a character that cannot be searched for.</source>
        <translation type="unfinished">He roa rawa te kuputuhi rapu, he pū rānei kei roto e kore e taea te rapu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="56"/>
        <source>That is not a channel.</source>
        <translation type="unfinished">Ehara tērā i te ara.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="57"/>
        <source>That is not a status a disclosure can have.</source>
        <translation type="unfinished">Ehara tērā i tētahi tūnga e taea ana e tētahi whākinga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="58"/>
        <source>That is not a legal basis Tiaki knows.</source>
        <translation type="unfinished">Ehara tērā i tētahi tūāpapa ā-ture e mōhiotia ana e Tiaki.</translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="92"/>
        <source>History filters</source>
        <translation type="unfinished">Ngā tātari hītori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="107"/>
        <source>Untick for no limit</source>
        <translation type="unfinished">Tangohia te tohu kia kore ai he tepe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="134"/>
        <source>&amp;From</source>
        <translation type="unfinished">&amp;Mai i</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="134"/>
        <source>Limit to disclosures from a date</source>
        <translation type="unfinished">Ko ngā whākinga anake mai i tētahi rā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="135"/>
        <source>From date</source>
        <translation type="unfinished">Mai i te rā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="136"/>
        <source>&amp;To</source>
        <translation type="unfinished">&amp;Ki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="136"/>
        <source>Limit to disclosures up to a date</source>
        <translation type="unfinished">Ko ngā whākinga anake tae noa ki tētahi rā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="137"/>
        <source>To date (included)</source>
        <translation type="unfinished">Tae noa ki te rā (kei roto hoki)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="144"/>
        <source>Client, partner or worker name, or a disclosure id</source>
        <translation type="unfinished">Ingoa kiritaki, rōpū pātui, kaimahi rānei, he tohu tautuhi whākinga rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="145"/>
        <source>Search the sharing history</source>
        <translation type="unfinished">Rapua te hītori tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="148"/>
        <source>&amp;Search:</source>
        <translation type="unfinished">&amp;Rapu:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="155"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="294"/>
        <source>Worker</source>
        <translation>Kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="155"/>
        <source>All workers</source>
        <translation>Ngā kaimahi katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="156"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="294"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="156"/>
        <source>All partners</source>
        <translation type="unfinished">Ngā rōpū pātui katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="157"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="295"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="157"/>
        <source>All purposes</source>
        <translation>Ngā take katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="158"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="295"/>
        <source>Legal basis</source>
        <translation type="unfinished">Tūāpapa ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="158"/>
        <source>Any basis</source>
        <translation type="unfinished">Ngā tūāpapa katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="161"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="296"/>
        <source>Channel</source>
        <translation type="unfinished">Ara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="161"/>
        <source>All channels</source>
        <translation type="unfinished">Ngā ara katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="164"/>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="296"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="164"/>
        <source>Any status</source>
        <translation type="unfinished">Ngā tūnga katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="167"/>
        <source>&amp;Worker:</source>
        <translation type="unfinished">Kaimah&amp;i:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="167"/>
        <source>P&amp;artner:</source>
        <translation type="unfinished">Rōpū &amp;pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="168"/>
        <source>P&amp;urpose:</source>
        <translation type="unfinished">&amp;Take:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="168"/>
        <source>&amp;Basis:</source>
        <translation type="unfinished">Tūāpapa ā-t&amp;ure:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="169"/>
        <source>Stat&amp;us:</source>
        <translation type="unfinished">Tūn&amp;ga:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="169"/>
        <source>&amp;Channel:</source>
        <translation type="unfinished">&amp;Ara:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="178"/>
        <source>Client filter</source>
        <translation type="unfinished">Tātari kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="180"/>
        <source>C&amp;lear filters</source>
        <translation type="unfinished">&amp;Whakawātea ngā tātari</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="181"/>
        <source>Clear filters</source>
        <translation type="unfinished">Whakawātea ngā tātari</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="184"/>
        <source>Filter problem</source>
        <translation type="unfinished">Hapa tātari</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="283"/>
        <source>Client: {name}</source>
        <translation>Kiritaki: {name}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="291"/>
        <source>From {day}</source>
        <translation type="unfinished">Mai i te {day}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="293"/>
        <source>To {day} (included)</source>
        <translation type="unfinished">Tae noa ki te {day} (kei roto hoki)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="302"/>
        <source>Narrowed by a search</source>
        <translation type="unfinished">Kua whāitihia e tētahi rapunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_filters.py" line="303"/>
        <source>Every disclosure this worker may see</source>
        <translation type="unfinished">Ngā whākinga katoa e āhei ana tēnei kaimahi ki te kite</translation>
    </message>
</context>
<context>
    <name>HistoryReport</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="45"/>
        <source>Sharing history</source>
        <translation type="unfinished">Hītori tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="46"/>
        <source>Confidential</source>
        <translation type="unfinished">Matatapu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="47"/>
        <source>Page {page} of {pages}</source>
        <translation type="unfinished">Whārangi {page} o {pages}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="48"/>
        <source>Made by {who} on {when}</source>
        <translation type="unfinished">Nā {who} i hanga, i te {when}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="49"/>
        <source>Disclosures in this report: {count}</source>
        <translation type="unfinished">Ngā whākinga kei tēnei pūrongo: {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="50"/>
        <source>No disclosure matches these filters.</source>
        <translation type="unfinished">Kāore he whākinga e hāngai ana ki ēnei tātari.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="51"/>
        <source>This report holds personal information. Keep it secure, share it only with the people who need it, and destroy it when it is no longer needed.</source>
        <translation type="unfinished">He mōhiohio whaiaro kei roto i tēnei pūrongo. Tiakina kia haumaru, tiria ki ngā tāngata e hiahia ana anake, ā, whakangaromia ina kore e hiahiatia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="54"/>
        <source>When</source>
        <translation type="unfinished">Āhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="55"/>
        <source>Client</source>
        <translation>Kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="56"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="57"/>
        <source>Worker</source>
        <translation>Kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="58"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="59"/>
        <source>Channel</source>
        <translation type="unfinished">Ara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="60"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="61"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="62"/>
        <source>Information shared</source>
        <translation type="unfinished">Ngā mōhiohio i tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="63"/>
        <source>Serious-threat override</source>
        <translation type="unfinished">Whakatau motuhake mōrearea nui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="64"/>
        <source>Yes</source>
        <translation type="unfinished">Āe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="65"/>
        <source>(a revocation: no information)</source>
        <translation type="unfinished">(he hīkitanga: kāore he mōhiohio)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="70"/>
        <source>From {value}</source>
        <translation type="unfinished">Mai i te {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="71"/>
        <source>Up to and including {value}</source>
        <translation type="unfinished">Tae noa atu ki te {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="72"/>
        <source>Worker: {value}</source>
        <translation>Kaimahi: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="73"/>
        <source>Client: {value}</source>
        <translation>Kiritaki: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="74"/>
        <source>Partner: {value}</source>
        <translation type="unfinished">Rōpū pātui: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="75"/>
        <source>Purpose: {value}</source>
        <translation type="unfinished">Take: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="76"/>
        <source>Basis: {value}</source>
        <translation type="unfinished">Tūāpapa: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="77"/>
        <source>Channel: {value}</source>
        <translation type="unfinished">Ara: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="78"/>
        <source>Status: {value}</source>
        <translation type="unfinished">Tūnga: {value}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="79"/>
        <source>Only entries matching a search (its text is not shown)</source>
        <translation type="unfinished">Ko ngā tāurunga e hāngai ana ki tētahi rapunga anake (kāore e whakaaturia te kupu rapu)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="80"/>
        <source>Every disclosure you may see</source>
        <translation type="unfinished">Ia whākinga e āhei ana koe ki te kite</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="84"/>
        <source>Partner inbox</source>
        <translation type="unfinished">Pouakauru rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="85"/>
        <source>Referral packet</source>
        <translation type="unfinished">Pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="86"/>
        <source>Printed form</source>
        <translation type="unfinished">Puka kua tāngia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="90"/>
        <source>Queued</source>
        <translation type="unfinished">Kei te tūtira</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="91"/>
        <source>Sent, no receipt yet</source>
        <translation type="unfinished">Kua tukuna, kāore anō he rihīti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="92"/>
        <source>Received (signed receipt)</source>
        <translation type="unfinished">Kua tae (rihīti hainatia)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="93"/>
        <source>Refused</source>
        <translation type="unfinished">Kua whakakāhoretia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="94"/>
        <source>Set aside</source>
        <translation type="unfinished">Kua waiho ki te taha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="95"/>
        <source>Cancelled</source>
        <translation type="unfinished">Kua whakakorehia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="96"/>
        <source>Exported</source>
        <translation type="unfinished">Kua kaweakehia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="97"/>
        <source>Printed</source>
        <translation type="unfinished">Kua tāngia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="102"/>
        <source>Consent</source>
        <translation>Whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="103"/>
        <source>Purpose of collection</source>
        <translation type="unfinished">Te take i kohia ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="104"/>
        <source>Authorised by the person</source>
        <translation type="unfinished">Nā te tangata i whakamana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="105"/>
        <source>Approved sharing agreement</source>
        <translation type="unfinished">Whakaritenga tiritiri kua whakamanahia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="106"/>
        <source>Information matching</source>
        <translation type="unfinished">Whakataurite mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="107"/>
        <source>Legal requirement</source>
        <translation type="unfinished">Here ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_report_pdf.py" line="108"/>
        <source>Serious threat</source>
        <translation type="unfinished">Mōrearea nui</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="115"/>
        <location filename="../desktop/tiaki/ui/history_window.py" line="116"/>
        <location filename="../desktop/tiaki/ui/history_window.py" line="412"/>
        <source>Sharing history</source>
        <translation type="unfinished">Hītori tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="154"/>
        <source>&amp;Save report…</source>
        <translation type="unfinished">&amp;Tiaki pūrongo…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="156"/>
        <source>Save the history as filtered now as a CSV or PDF file (Ctrl+S)</source>
        <translation type="unfinished">Tiakina te hītori, kua tātaritia nei, hei kōnae CSV, PDF rānei (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="162"/>
        <source>&amp;Close</source>
        <translation type="unfinished">&amp;Kati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="181"/>
        <source>&amp;History</source>
        <translation type="unfinished">Hī&amp;tori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="178"/>
        <location filename="../desktop/tiaki/ui/history_window.py" line="179"/>
        <source>Sharing history views</source>
        <translation type="unfinished">Ngā tirohanga hītori tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="158"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished">&amp;Whakahou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="160"/>
        <source>Read the history again, with anything shared since it opened (F5)</source>
        <translation type="unfinished">Pānuitia anō te hītori, me ngā mea kua tiria mai i te wā i whakatuwherahia ai (F5)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="165"/>
        <source>Histor&amp;y</source>
        <translation type="unfinished">&amp;Hītori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="187"/>
        <source>&amp;Review</source>
        <translation type="unfinished">Arotak&amp;e</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="196"/>
        <source>Picture status</source>
        <translation type="unfinished">Tūnga kauwhata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="200"/>
        <source>&amp;Picture</source>
        <translation type="unfinished">&amp;Kauwhata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="205"/>
        <source>&amp;Verify</source>
        <translation type="unfinished">&amp;Manatoko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="217"/>
        <source>Disclosures</source>
        <translation type="unfinished">Ngā whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="241"/>
        <source>Number of disclosures</source>
        <translation type="unfinished">Te maha o ngā whākinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="244"/>
        <source>History problem</source>
        <translation type="unfinished">Hapa hītori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="245"/>
        <source>Save r&amp;eport…</source>
        <translation type="unfinished">Tiaki &amp;pūrongo…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="309"/>
        <source>{shown} disclosure(s) shown; counting…</source>
        <translation type="unfinished">Ngā whākinga e whakaaturia ana: {shown}; e tatau ana…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="311"/>
        <source>{shown} of {total} disclosure(s) shown</source>
        <translation type="unfinished">Ngā whākinga e whakaaturia ana: {shown} o {total}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="314"/>
        <source>{total} disclosure(s)</source>
        <translation type="unfinished">Ngā whākinga: {total}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="349"/>
        <source>Drawing the picture…</source>
        <translation type="unfinished">E tuhi ana i te kauwhata…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="359"/>
        <source>{total} disclosure(s) in the last 12 weeks, for the current filter.</source>
        <translation type="unfinished">Ngā whākinga i ngā wiki 12 kua hipa, mō te tātari o nāianei: {total}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="370"/>
        <source>Save sharing history report</source>
        <translation type="unfinished">Tiaki i te pūrongo hītori tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="371"/>
        <source>The report holds personal information (clients&apos; names and what was shared about them) and is NOT encrypted: anyone who gets the file can read it. Save it only where your organisation allows, and delete it when it is no longer needed.</source>
        <translation type="unfinished">He mōhiohio whaiaro kei roto i te pūrongo (ngā ingoa o ngā kiritaki me ngā mea i tiria mō rātou), ā, KĀORE i whakamunatia: ka taea e te tangata ka whiwhi i te kōnae te pānui. Tiakina anake ki ngā wāhi e whakaaetia ana e tō whakahaere, ā, tangohia ina kore e hiahiatia anō.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="374"/>
        <source>Save as &amp;CSV…</source>
        <translation type="unfinished">Tiaki hei &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="375"/>
        <source>Save as &amp;PDF…</source>
        <translation type="unfinished">Tiaki hei &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="377"/>
        <source>The report is not encrypted</source>
        <translation type="unfinished">Kāore i whakamunatia te pūrongo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="379"/>
        <source>Warning</source>
        <translation>Whakatūpato</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="396"/>
        <source>CSV files (*.csv)</source>
        <translation>Ngā kōnae CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="396"/>
        <source>PDF files (*.pdf)</source>
        <translation>Ngā kōnae PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="397"/>
        <source>Save sharing history report (not encrypted)</source>
        <translation type="unfinished">Tiaki i te pūrongo hītori tiritiri (kāore i whakamunatia)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="427"/>
        <source>Saving the report…</source>
        <translation type="unfinished">E tiaki ana i te pūrongo…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="432"/>
        <source>The report ({count} disclosure(s)) was saved as {file} (not encrypted).</source>
        <translation type="unfinished">I tiakina te pūrongo (ngā whākinga: {count}) hei {file} (kāore i whakamunatia).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="439"/>
        <source>The report was not saved.</source>
        <translation type="unfinished">Kāore i tiakina te pūrongo.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="441"/>
        <source>The report was not saved: that file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore i tiakina te pūrongo: kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/history_window.py" line="444"/>
        <source>The report was not saved: {problem}</source>
        <translation type="unfinished">Kāore i tiakina te pūrongo: {problem}</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="41"/>
        <source>Welcome to Tiaki</source>
        <translation>Nau mai ki Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="44"/>
        <source>Tiaki keeps your clients&apos; records on this computer, encrypted, so nothing is readable if the laptop is lost or stolen. It works without an internet connection.</source>
        <translation type="unfinished">Ka tiakina e Tiaki ngā mauhanga o ō kiritaki ki tēnei rorohiko, he mea whakamuna, kia kore ai e taea te pānui mēnā ka ngaro, ka tāhaetia rānei te rorohiko pōnaho. Ka mahi ahakoa kāore he hononga ipurangi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="47"/>
        <source>First, the privacy officer (the administrator) chooses a sign-in name and a passphrase. Tiaki then creates the encrypted store and shows a recovery key once: it is the only way back in if every passphrase is forgotten.</source>
        <translation type="unfinished">Tuatahi, ka kōwhiri te āpiha matatapu (te kaiwhakahaere) i tētahi ingoa takiuru me tētahi kupuhipa. Kātahi ka hanga e Tiaki te pātaka whakamuna, ā, kotahi anake te wā ka whakaaturia he kī whakaora: koia anake te huarahi e hoki ai ki roto mēnā ka warewarehia ngā kupuhipa katoa.</translation>
    </message>
</context>
<context>
    <name>InvalidInput</name>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="105"/>
        <source>This client is archived; restore the record before changing it.</source>
        <translation type="unfinished">Kua kuhua tēnei kiritaki ki te pūranga; whakahokia mai te mauhanga i mua i te whakarerekē.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="107"/>
        <source>That worker does not exist or is no longer active.</source>
        <translation type="unfinished">Kāore he kaimahi pērā, kua kore rānei e hohe.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="108"/>
        <source>A worker needs a sign-in name.</source>
        <translation type="unfinished">Me whai ingoa takiuru te kaimahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="109"/>
        <source>A sign-in name may be at most {max} characters.</source>
        <translation type="unfinished">Kia kaua te ingoa takiuru e neke ake i te {max} pū.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="110"/>
        <source>The sign-in name contains a character that cannot be used.</source>
        <translation type="unfinished">He pū kei roto i te ingoa takiuru e kore e taea te whakamahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="112"/>
        <source>The display name is too long or contains a character that cannot be used.</source>
        <translation type="unfinished">He roa rawa te ingoa whakaatu, he pū rānei kei roto e kore e taea te whakamahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="114"/>
        <source>A worker with that sign-in name already exists.</source>
        <translation type="unfinished">Kua whai kē tētahi kaimahi i taua ingoa takiuru.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="115"/>
        <source>There is no active worker with that sign-in name.</source>
        <translation type="unfinished">Kāore he kaimahi hohe e whai ana i taua ingoa takiuru.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="116"/>
        <source>You cannot deactivate yourself.</source>
        <translation type="unfinished">Kāore e taea e koe te whakaweto i a koe anō.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="117"/>
        <source>The store needs at least one active privacy officer.</source>
        <translation type="unfinished">Me whai te pātaka kia kotahi neke atu te āpiha matatapu hohe.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="118"/>
        <source>That worker is not active.</source>
        <translation type="unfinished">Kāore taua kaimahi i te hohe.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="119"/>
        <source>Auto-lock must be between {min} and {max} minutes.</source>
        <translation type="unfinished">Me noho te raka aunoa ki waenga i te {min} me te {max} meneti.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="120"/>
        <source>A copied value must leave the clipboard after {min} to {max} seconds.</source>
        <translation type="unfinished">Me mawehe tētahi uara kua tāruatia i te papatopenga ā muri i ngā hēkona {min} ki te {max}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="122"/>
        <source>Automatic sync must run every {min} to {max} minutes, or be off.</source>
        <translation type="unfinished">Me tukutahi aunoa ia meneti {min} ki te {max}, me weto rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="124"/>
        <source>That is not a Tiaki recovery key.</source>
        <translation type="unfinished">Ehara tērā i te kī whakaora o Tiaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="125"/>
        <source>The recovery key has a typing mistake (its check group does not match).</source>
        <translation type="unfinished">He hapa patopato kei te kī whakaora (kāore tōna rōpū manatoko e ōrite).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="127"/>
        <source>That recovery key does not open this store.</source>
        <translation type="unfinished">Kāore taua kī whakaora e whakatuwhera i tēnei pātaka.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="128"/>
        <source>The organisation&apos;s name must be 1 to 200 ordinary characters.</source>
        <translation type="unfinished">Me 1 ki te 200 pū noa te roa o te ingoa o te whakahaere.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="130"/>
        <source>A partner with that name already exists.</source>
        <translation type="unfinished">Kua whai kē tētahi rōpū pātui i taua ingoa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="131"/>
        <source>There is no partner with that id.</source>
        <translation type="unfinished">Kāore he rōpū pātui e whai ana i taua tohu tautuhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="132"/>
        <source>A consent recipient is neither a partner&apos;s id nor a kind of partner.</source>
        <translation type="unfinished">Ko tētahi kaiwhiwhi o te whakaaetanga, ehara i te tohu tautuhi o tētahi rōpū pātui, ehara hoki i tētahi momo rōpū pātui.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="134"/>
        <source>That consent is not in force (it was withdrawn, has expired or is not yet given).</source>
        <translation type="unfinished">Kāore taua whakaaetanga i te mana (kua unuhia, kua pau, kāore anō rānei kia hoatu).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="136"/>
        <source>A renewed consent must expire in the future (or not at all).</source>
        <translation type="unfinished">Me pau te whakaaetanga kua whakahoutia ā muri ake nei (kaua rānei e pau).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="138"/>
        <source>That partner&apos;s card is not enrolled here (or, to sync, its card has no inbox): enrol its card first.</source>
        <translation type="unfinished">Kāore anō te kāri o taua rōpū pātui kia whakaurua ki konei (kāore rānei he pouakauru i tōna kāri hei tukutahi): whakaurua tōna kāri i te tuatahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="141"/>
        <source>This partner is already enrolled with another key; a new key must come as a card signed by the current one.</source>
        <translation type="unfinished">Kua whakaurua kē tēnei rōpū pātui me tētahi atu kī; me tae mai te kī hou hei kāri kua hainatia e te kī o nāianei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="144"/>
        <source>The new card is not signed by the partner&apos;s current key, so it was not enrolled.</source>
        <translation type="unfinished">Kāore te kāri hou i hainatia e te kī o nāianei o te rōpū pātui, nō reira kāore i whakaurua.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="146"/>
        <source>That is not a purpose Tiaki knows.</source>
        <translation type="unfinished">Ehara tērā i te take e mōhiotia ana e Tiaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="147"/>
        <source>Nothing may be shared with this partner for this purpose now, so nothing was queued.</source>
        <translation type="unfinished">Kāore he mea e āhei ana kia tiria ki tēnei rōpū pātui mō tēnei take i tēnei wā, nō reira kāore he mea i tāpirihia ki te tūtira.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="149"/>
        <source>{message}</source>
        <translation>{message}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="150"/>
        <source>This store already holds records, so it cannot be discarded.</source>
        <translation type="unfinished">He mauhanga kē kei roto i tēnei pātaka, nō reira kāore e taea te whakarere.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="133"/>
        <source>Tiaki</source>
        <translation>Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="134"/>
        <source>Tiaki client list</source>
        <translation type="unfinished">Rārangi kiritaki o Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="136"/>
        <source>&amp;New client</source>
        <translation>&amp;Kiritaki hou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="136"/>
        <source>Record a new client (Ctrl+N)</source>
        <translation type="unfinished">Tāuruhia he kiritaki hou (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="137"/>
        <source>&amp;Find</source>
        <translation>R&amp;apu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="137"/>
        <source>Search the client list (Ctrl+F)</source>
        <translation type="unfinished">Rapua te rārangi kiritaki (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="138"/>
        <source>&amp;Lock</source>
        <translation>&amp;Raka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="138"/>
        <source>Lock Tiaki now (Ctrl+L)</source>
        <translation type="unfinished">Rakaina a Tiaki ināianei (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="139"/>
        <source>&amp;Workers…</source>
        <translation>&amp;Kaimahi…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="140"/>
        <source>P&amp;artners and agreements…</source>
        <translation type="unfinished">&amp;Rōpū pātui me ngā whakaritenga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="141"/>
        <source>&amp;Verify log…</source>
        <translation type="unfinished">&amp;Manatoko rārangi arotake…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="142"/>
        <source>Sharing &amp;history…</source>
        <translation type="unfinished">&amp;Hītori tiritiri…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="143"/>
        <source>Who shared what about whom, with which partner, when and on what basis (Ctrl+H)</source>
        <translation type="unfinished">Nā wai i tiri te aha mō wai, ki tēhea rōpū pātui, āhea, ā, i runga i te aha (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="144"/>
        <source>Change my &amp;passphrase…</source>
        <translation type="unfinished">&amp;Panoni i taku kupuhipa…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="145"/>
        <source>S&amp;ync now</source>
        <translation type="unfinished">&amp;Tukutahi ināianei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="145"/>
        <source>Send what is queued to partners now (F5)</source>
        <translation type="unfinished">Tukuna ināianei ki ngā rōpū pātui ngā mea kei te tūtira (F5)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="146"/>
        <source>Sync &amp;status…</source>
        <translation type="unfinished">Tū&amp;nga tukutahi…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="147"/>
        <source>&amp;Refer selected client to partner…</source>
        <translation type="unfinished">&amp;Tukuna te kiritaki kua tīpakohia ki tētahi rōpū pātui…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="148"/>
        <source>Make an encrypted referral packet for a partner</source>
        <translation type="unfinished">Hangaia he pūkete tukunga whakamuna mō tētahi rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="149"/>
        <source>&amp;Open referral…</source>
        <translation type="unfinished">&amp;Whakatuwhera tukunga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="150"/>
        <source>Open a referral packet and create the client (Ctrl+O)</source>
        <translation type="unfinished">Whakatuwherahia tētahi pūkete tukunga, ka hanga ai i te kiritaki (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="151"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Tautuhinga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="152"/>
        <source>&amp;About and security…</source>
        <translation type="unfinished">&amp;Mō Tiaki me te haumarutanga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="153"/>
        <source>&amp;Quit</source>
        <translation type="unfinished">&amp;Puta</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="159"/>
        <source>&amp;Clients</source>
        <translation>Ngā &amp;kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="160"/>
        <source>&amp;Referrals</source>
        <translation type="unfinished">Ngā t&amp;ukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="161"/>
        <source>S&amp;ync</source>
        <translation type="unfinished">Tukuta&amp;hi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="162"/>
        <source>&amp;Tools</source>
        <translation>&amp;Taputapu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="163"/>
        <source>&amp;Help</source>
        <translation>Ā&amp;whina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="164"/>
        <source>Main</source>
        <translation type="unfinished">Matua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="165"/>
        <source>Main actions</source>
        <translation type="unfinished">Ngā mahi matua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="170"/>
        <source>Security notice</source>
        <translation type="unfinished">Pānui haumaru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="171"/>
        <source>Dismiss</source>
        <translation type="unfinished">Whakawātea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="172"/>
        <source>Dismiss notice</source>
        <translation type="unfinished">Whakawātea te pānui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="173"/>
        <source>&amp;Search:</source>
        <translation>&amp;Rapu:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="174"/>
        <source>Name, NHI, phone… (macrons optional)</source>
        <translation type="unfinished">Ingoa, NHI, waea… (kāore e herea ngā tohutō)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="175"/>
        <source>Search clients</source>
        <translation>Rapu kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="176"/>
        <source>Clients</source>
        <translation>Ngā kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="177"/>
        <source>Sync status</source>
        <translation type="unfinished">Tūnga tukutahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="243"/>
        <source>Syncing…</source>
        <translation type="unfinished">E tukutahi ana…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="245"/>
        <source>Syncing {done} of {total}…</source>
        <translation type="unfinished">E tukutahi ana: {done} o {total}…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="253"/>
        <source>Offline — shares wait on this device</source>
        <translation type="unfinished">Tuimotu — e tatari ana ngā tiritiringa ki tēnei pūrere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="255"/>
        <source>Online</source>
        <translation>Tuihono</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="261"/>
        <source>Synced: every message delivered</source>
        <translation type="unfinished">Kua tukutahi: kua tae katoa ngā karere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="262"/>
        <source>Synced: some messages still wait (see Sync → Sync status)</source>
        <translation type="unfinished">Kua tukutahi: kei te tatari tonu ētahi karere (tirohia Tukutahi → Tūnga tukutahi)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="270"/>
        <source>{count} failed attempt(s) to unlock Tiaki since it was last opened; the last at {when}. If that was not you, tell your privacy officer.</source>
        <translation type="unfinished">Ngā whakamātau i rahua ki te wewete i a Tiaki mai i te wā whakamutunga i whakatuwheratia ai: {count}; ko te mea whakamutunga i te {when}. Ki te kore ko koe tērā, whakamōhiotia tō āpiha matatapu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="282"/>
        <source>{n} client(s) match</source>
        <translation type="unfinished">Kiritaki e hāngai ana: {n}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="284"/>
        <source>{n} client(s)</source>
        <translation type="unfinished">Kiritaki: {n}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="286"/>
        <source>Signed in: {name} — {role}</source>
        <translation type="unfinished">Kua takiuru: {name} — {role}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="373"/>
        <source>Select a client in the list first.</source>
        <translation type="unfinished">Tīpakohia tētahi kiritaki i te rārangi i te tuatahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="393"/>
        <source>A sync is already running.</source>
        <translation type="unfinished">Kei te haere kē tētahi tukutahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/main_window.py" line="428"/>
        <source>Open records and the Sharing history keep their language until you close them.</source>
        <translation type="unfinished">Ka mau tonu te reo o ngā mauhanga tuwhera me te Hītori tiritiri kia kati rā anō koe i a rātou.</translation>
    </message>
    <message>
        <source>Records with unsaved changes keep their language until you close them.</source>
        <translation type="obsolete">Ko ngā mauhanga he panonitanga kāore anō kia tiakina, ka mau tonu tō rātou reo kia kati rā anō koe i a rātou.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseFields</name>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="25"/>
        <source>New passphrase</source>
        <translation>Kupuhipa hou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="28"/>
        <source>New passphrase again</source>
        <translation type="unfinished">Kupuhipa hou anō</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="31"/>
        <source>Passphrase problem</source>
        <translation type="unfinished">Hapa kupuhipa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="36"/>
        <source>&amp;New passphrase:</source>
        <translation>Kupuhipa &amp;hou:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="38"/>
        <source>&amp;Type it again:</source>
        <translation type="unfinished">&amp;Patohia anō:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="44"/>
        <source>A few words together is easy to remember and hard to guess.</source>
        <translation type="unfinished">He māmā ki te mahara, he uaua ki te matapae, ētahi kupu torutoru kua honoa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_fields.py" line="60"/>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished">Kāore e ōrite ana ngā kupuhipa e rua.</translation>
    </message>
</context>
<context>
    <name>OpenReferralDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="89"/>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="90"/>
        <source>Open a referral</source>
        <translation type="unfinished">Whakatuwhera i tētahi tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="93"/>
        <source>Open a referral packet another organisation sent you. Tiaki checks who signed it and shows everything in it before any client is created.</source>
        <translation type="unfinished">Whakatuwherahia tētahi pūkete tukunga i tukuna mai e tētahi atu whakahaere. Ka tirohia e Tiaki ko wai i haina, ā, ka whakaaturia ngā mea katoa kei roto i mua i te waihanga i tētahi kiritaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="98"/>
        <source>Packet file</source>
        <translation type="unfinished">Kōnae pūkete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="98"/>
        <source>Packet &amp;file:</source>
        <translation type="unfinished">Kōnae &amp;pūkete:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="103"/>
        <source>From:</source>
        <translation type="unfinished">Nā:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="103"/>
        <source>Sender&apos;s fingerprint:</source>
        <translation type="unfinished">Tapumati o te kaituku:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="104"/>
        <source>Referred by:</source>
        <translation type="unfinished">I tukuna e:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="104"/>
        <source>Made:</source>
        <translation type="unfinished">I hangaia:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="104"/>
        <source>Purpose:</source>
        <translation>Take:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="105"/>
        <source>Urgency:</source>
        <translation type="unfinished">Te kōhukihuki:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="105"/>
        <source>Services requested:</source>
        <translation type="unfinished">Ngā ratonga i tonoa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="106"/>
        <source>Reason:</source>
        <translation type="unfinished">Pūtake:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="106"/>
        <source>Note:</source>
        <translation>Tuhipoka:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="117"/>
        <source>&amp;Information in the referral:</source>
        <translation type="unfinished">Ngā &amp;mōhiohio i te tukunga:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="118"/>
        <source>Information in the referral</source>
        <translation type="unfinished">Ngā mōhiohio i te tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="119"/>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="123"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="119"/>
        <source>Value</source>
        <translation>Uara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="119"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="121"/>
        <source>&amp;Withheld by the sender:</source>
        <translation type="unfinished">I puritia e te kai&amp;tuku:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="122"/>
        <source>Withheld by the sender</source>
        <translation type="unfinished">I puritia e te kaituku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="123"/>
        <source>Why it was withheld</source>
        <translation type="unfinished">Te pūtake i puritia ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="128"/>
        <source>Checking the packet</source>
        <translation type="unfinished">E tirotiro ana i te pūkete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="133"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="138"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="142"/>
        <source>C&amp;reate client</source>
        <translation type="unfinished">&amp;Hanga kiritaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="99"/>
        <source>Referral packet</source>
        <translation type="unfinished">Pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="100"/>
        <source>Referral packets (*.age);;All files (*)</source>
        <translation type="unfinished">Ngā pūkete tukunga (*.age);;Ngā kōnae katoa (*)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="249"/>
        <source>The client was created from the referral of {organisation}.</source>
        <translation type="unfinished">I hangaia te kiritaki i te tukunga a {organisation}.</translation>
    </message>
</context>
<context>
    <name>OverrideSection</name>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="55"/>
        <source>Serious-&amp;threat override (IPP 11(1)(f))</source>
        <translation type="unfinished">Whakatau motuhake mō te &amp;mōrearea nui (IPP 11(1)(f))</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="56"/>
        <source>Share what the usual rules would withhold, only when it is necessary to prevent or lessen a serious threat to someone&apos;s life or health</source>
        <translation type="unfinished">Tiria ngā mea ka puritia e ngā ture noa, ina tika anake hei ārai, hei whakaiti rānei i tētahi mōrearea nui ki te ora, ki te hauora rānei o tētahi tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="60"/>
        <source>Written justification for the override</source>
        <translation type="unfinished">Take whakamārama ā-tuhi mō te whakatau motuhake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="61"/>
        <source>Why is sharing necessary to prevent or lessen a serious threat to someone&apos;s life or health? (at least 20 characters)</source>
        <translation type="unfinished">He aha e tika ai te tiri hei ārai, hei whakaiti rānei i tētahi mōrearea nui ki te ora, ki te hauora rānei o tētahi tangata? (kia 20 ngā pū, neke atu)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="71"/>
        <source>Needs review</source>
        <translation type="unfinished">Me arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="93"/>
        <source>An override needs a written justification of at least 20 characters.</source>
        <translation type="unfinished">Me whai take whakamārama ā-tuhi tētahi whakatau motuhake, kia 20 ngā pū neke atu.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="97"/>
        <source>Serious-threat override: this disclosure would be allowed only because of the written justification, and it must be reviewed by a supervisor.</source>
        <translation type="unfinished">Whakatau motuhake mōrearea nui: ka whakaaetia tēnei whākinga nā te take whakamārama ā-tuhi anake, ā, me arotake e tētahi kaitirotiro.</translation>
    </message>
</context>
<context>
    <name>PacketError</name>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="41"/>
        <source>This file is too large to be a referral packet.</source>
        <translation type="unfinished">He nui rawa tēnei kōnae hei pūkete tukunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="42"/>
        <source>This file is not a referral packet, or it is damaged or incomplete.</source>
        <translation type="unfinished">Ehara tēnei kōnae i te pūkete tukunga, kua pakaru rānei, kāore rānei i oti.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="44"/>
        <source>This packet was made for another organisation: this organisation&apos;s key cannot open it.</source>
        <translation type="unfinished">I hangaia tēnei pūkete mō tētahi atu whakahaere: e kore e taea e te kī o tēnei whakahaere te huaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="46"/>
        <source>This packet is damaged: its contents are not in the expected form.</source>
        <translation type="unfinished">Kua pakaru tēnei pūkete: kāore ōna ihirangi i te āhua e tūmanakohia ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="48"/>
        <source>The packet&apos;s signature does not match: it was changed after it was made, or was not made by the sender it names.</source>
        <translation type="unfinished">Kāore te haina o te pūkete e ōrite ana: i panonitia i muri i tōna hanganga, kāore rānei i hangaia e te kaituku e whakaingoatia ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="51"/>
        <source>The referral inside was made for another recipient: the packet was passed on by someone else.</source>
        <translation type="unfinished">I hangaia te tukunga kei roto mō tētahi atu kaiwhiwhi: nā tētahi atu tangata te pūkete i tuku haere.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="54"/>
        <source>The referral inside this packet is not in a form Tiaki can import.</source>
        <translation type="unfinished">Kāore te tukunga kei roto i tēnei pūkete i te āhua e taea ai e Tiaki te kawemai.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="56"/>
        <source>This packet comes from a sender this organisation does not trust yet: a privacy officer trusts its card first (Tools → Partners and agreements → Trust a sender&apos;s card).</source>
        <translation type="unfinished">Nō tētahi kaituku tēnei pūkete kāore anō kia whakawhirinakitia e tēnei whakahaere: me whakawhirinaki tētahi āpiha matatapu ki tōna kāri i te tuatahi (Taputapu → Rōpū pātui me ngā whakaritenga → Whakawhirinaki ki te kāri o tētahi kaituku).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="59"/>
        <source>This referral has already been imported.</source>
        <translation type="unfinished">Kua kawemaihia kē tēnei tukunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/open_referral_dialog.py" line="69"/>
        <source>That file cannot be read.</source>
        <translation type="unfinished">Kāore e taea te pānui i taua kōnae.</translation>
    </message>
</context>
<context>
    <name>PartnersDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="146"/>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="147"/>
        <source>Partners and agreements</source>
        <translation type="unfinished">Ngā rōpū pātui me ngā whakaritenga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="150"/>
        <source>&amp;Partners:</source>
        <translation type="unfinished">Ngā rōpū &amp;pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="151"/>
        <source>Partners</source>
        <translation type="unfinished">Ngā rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="151"/>
        <source>Name</source>
        <translation type="unfinished">Ingoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="151"/>
        <source>Kind</source>
        <translation>Momo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="151"/>
        <source>Overseas</source>
        <translation>Tāwāhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="155"/>
        <source>A&amp;greements with the selected partner:</source>
        <translation type="unfinished">Ngā &amp;whakaritenga ki te rōpū pātui kua tīpakohia:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="156"/>
        <source>Agreements with the selected partner</source>
        <translation type="unfinished">Ngā whakaritenga ki te rōpū pātui kua tīpakohia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="157"/>
        <source>Basis</source>
        <translation type="unfinished">Tūāpapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="157"/>
        <source>Name or reference</source>
        <translation type="unfinished">Ingoa, tohutoro rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="157"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="157"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="158"/>
        <source>Excluded fields</source>
        <translation type="unfinished">Ngā āpure kua kapea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="158"/>
        <source>Valid from</source>
        <translation type="unfinished">Whai mana mai i</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="158"/>
        <source>Valid until</source>
        <translation type="unfinished">Whai mana tae noa ki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="163"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="168"/>
        <source>Add &amp;partner…</source>
        <translation type="unfinished">Tāpiri &amp;rōpū pātui…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="169"/>
        <source>Add &amp;agreement…</source>
        <translation type="unfinished">Tāpiri wh&amp;akaritenga…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="170"/>
        <source>&amp;Enrol from card…</source>
        <translation type="unfinished">Whakauru mai i te &amp;kāri…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="171"/>
        <source>Trust a partner&apos;s keys for sending, after comparing the fingerprint</source>
        <translation type="unfinished">Whakawhirinakitia ngā kī o tētahi rōpū pātui mō te tuku, i muri i te whakataurite i te tapumati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="182"/>
        <source>&amp;Trust a sender&apos;s card…</source>
        <translation type="unfinished">Whakawhirinaki ki te kāri o tētahi kai&amp;tuku…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="183"/>
        <source>Accept referral packets signed by an organisation&apos;s device, after comparing the fingerprint</source>
        <translation type="unfinished">Whakaaetia ngā pūkete tukunga kua hainatia e te pūrere o tētahi whakahaere, i muri i te whakataurite i te tapumati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="185"/>
        <source>Save this organisation&apos;s &amp;card for referrers…</source>
        <translation type="unfinished">Tiaki i te kāri o tēnei whakahaere mā te &amp;hunga tuku mai…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="186"/>
        <source>Save this device&apos;s sen&amp;der card…</source>
        <translation type="unfinished">Tiaki i te kāri kait&amp;uku o tēnei pūrere…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="187"/>
        <source>For the organisations you refer clients to</source>
        <translation type="unfinished">Mō ngā whakahaere ka tukuna atu e koe ngā kiritaki ki a rātou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="205"/>
        <source>Only a privacy officer can add partners and agreements.</source>
        <translation type="unfinished">Mā te āpiha matatapu anake e tāpiri ngā rōpū pātui me ngā whakaritenga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="217"/>
        <source>Yes — IPP 12: {basis}</source>
        <translation type="unfinished">Āe — IPP 12: {basis}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="218"/>
        <source>Yes — no IPP 12 basis</source>
        <translation type="unfinished">Āe — kāore he tūāpapa IPP 12</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="218"/>
        <source>No</source>
        <translation>Kāo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/partners_dialog.py" line="236"/>
        <source>No end date</source>
        <translation type="unfinished">Kāore he rā mutunga</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="97"/>
        <source>Use at least {n} characters — a few words together is easy to remember.</source>
        <translation type="unfinished">Kia {n} pū neke atu — he māmā ki te mahara ētahi kupu torutoru kua honoa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="99"/>
        <source>Use at most {n} characters.</source>
        <translation type="unfinished">Kia kaua e neke ake i te {n} pū.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="100"/>
        <source>Do not use your name in your passphrase.</source>
        <translation type="unfinished">Kaua e whakamahi i tō ingoa i tō kupuhipa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="101"/>
        <source>Use more different characters.</source>
        <translation type="unfinished">Whakamahia ētahi atu pū rerekē.</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="55"/>
        <source>&amp;Step up</source>
        <translation type="unfinished">&amp;Piki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="56"/>
        <source>Step &amp;down</source>
        <translation type="unfinished">&amp;Heke</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="25"/>
        <source>&amp;OK</source>
        <translation>&amp;Āe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="26"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Whakakore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="27"/>
        <source>&amp;Close</source>
        <translation type="unfinished">&amp;Kati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="28"/>
        <source>&amp;Save</source>
        <translation type="unfinished">&amp;Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="29"/>
        <source>Close without Saving</source>
        <translation type="unfinished">Kati me te kore tiaki</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="40"/>
        <source>&amp;Undo</source>
        <translation type="unfinished">&amp;Wetewete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="41"/>
        <source>&amp;Redo</source>
        <translation type="unfinished">Mahi &amp;anō</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="42"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished">&amp;Kotikoti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="43"/>
        <source>&amp;Copy</source>
        <translation type="unfinished">&amp;Tārua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="44"/>
        <source>&amp;Paste</source>
        <translation type="unfinished">&amp;Whakapiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="45"/>
        <source>Delete</source>
        <translation type="unfinished">Muku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="46"/>
        <source>Select All</source>
        <translation type="unfinished">Tīpako katoa</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="17"/>
        <source>OK</source>
        <translation>Āe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="18"/>
        <source>Cancel</source>
        <translation type="unfinished">Whakakore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="19"/>
        <source>Close</source>
        <translation>Kati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="20"/>
        <source>&amp;Yes</source>
        <translation>Ā&amp;e</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="21"/>
        <source>&amp;No</source>
        <translation>&amp;Kāo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="22"/>
        <source>Save</source>
        <translation type="unfinished">Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="23"/>
        <source>Discard</source>
        <translation type="unfinished">Whakarere</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="37"/>
        <source>Scroll Left</source>
        <translation type="unfinished">Panuku mauī</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="38"/>
        <source>Scroll Right</source>
        <translation type="unfinished">Panuku matau</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="47"/>
        <source>&amp;Undo</source>
        <translation type="unfinished">&amp;Wetewete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="48"/>
        <source>&amp;Redo</source>
        <translation type="unfinished">Mahi &amp;anō</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="49"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished">&amp;Kotikoti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="50"/>
        <source>&amp;Copy</source>
        <translation type="unfinished">&amp;Tārua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="51"/>
        <source>Copy &amp;Link Location</source>
        <translation type="unfinished">Tārua te wāhi o te &amp;hono</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="52"/>
        <source>&amp;Paste</source>
        <translation type="unfinished">&amp;Whakapiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="53"/>
        <source>Delete</source>
        <translation type="unfinished">Muku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="54"/>
        <source>Select All</source>
        <translation type="unfinished">Tīpako katoa</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="31"/>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished">&lt; &amp;Hoki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="32"/>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished">&amp;Panuku &gt;</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="33"/>
        <source>Cancel</source>
        <translation type="unfinished">Whakakore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="34"/>
        <source>Go Back</source>
        <translation type="unfinished">Hoki whakamuri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/qt_strings.py" line="35"/>
        <source>Continue</source>
        <translation type="unfinished">Haere tonu</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="157"/>
        <source>We have no sharing agreement with this organisation, so nothing is sent to them.</source>
        <translation type="unfinished">Kāore ō mātou whakaritenga tiritiri ki tēnei whakahaere, nō reira kāore he mea e tukuna ki a rātou.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="159"/>
        <source>Our agreement with this organisation does not cover this information for this purpose.</source>
        <translation type="unfinished">Kāore tā mātou whakaritenga ki tēnei whakahaere e hipoki i ēnei mōhiohio mō tēnei take.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="161"/>
        <source>This information was not collected for this purpose, so it is not shared for it.</source>
        <translation type="unfinished">Kāore ēnei mōhiohio i kohia mō tēnei take, nō reira kāore e tiria mō taua take.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="163"/>
        <source>The person has not agreed to share this information with this organisation for this purpose.</source>
        <translation type="unfinished">Kāore te tangata i whakaae kia tiria ēnei mōhiohio ki tēnei whakahaere mō tēnei take.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="165"/>
        <source>The person withdrew their agreement to share this information.</source>
        <translation type="unfinished">I unuhia e te tangata tana whakaaetanga kia tiria ēnei mōhiohio.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="166"/>
        <source>The person&apos;s agreement to share this information has run out.</source>
        <translation type="unfinished">Kua pau te wā o te whakaaetanga a te tangata kia tiria ēnei mōhiohio.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="167"/>
        <source>The person has said this information must not be shared with this organisation for this purpose.</source>
        <translation type="unfinished">Kua kī te tangata me kaua ēnei mōhiohio e tiria ki tēnei whakahaere mō tēnei take.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="169"/>
        <source>This information never leaves this device.</source>
        <translation type="unfinished">Kāore rawa ēnei mōhiohio e puta i tēnei pūrere.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="170"/>
        <source>This organisation is overseas and there is no recorded reason that makes it safe to send information there (Privacy Act, principle 12).</source>
        <translation type="unfinished">Kei tāwāhi tēnei whakahaere, ā, kāore he pūtake kua tuhia e haumaru ai te tuku mōhiohio ki reira (Privacy Act, mātāpono 12).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="173"/>
        <source>This is an anonymous contact; nothing about it is shared.</source>
        <translation type="unfinished">He whakapā kore ingoa tēnei; kāore he mea mō tēnei e tiria.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="174"/>
        <source>Our sharing agreement with this organisation is not in force at this time.</source>
        <translation type="unfinished">Kāore tā mātou whakaritenga tiritiri ki tēnei whakahaere i te whai mana i tēnei wā.</translation>
    </message>
</context>
<context>
    <name>ReceivingCardDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="84"/>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="85"/>
        <source>This organisation&apos;s card for referrers</source>
        <translation type="unfinished">Te kāri o tēnei whakahaere mā te hunga tuku mai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="88"/>
        <source>Organisations that refer clients to you enrol this card, so that their referral packets can be opened here. Send them the file, then read the fingerprint to them over the phone.</source>
        <translation type="unfinished">Ka whakauru ngā whakahaere e tuku kiritaki mai ana ki a koe i tēnei kāri, kia taea ai te whakatuwhera i konei ā rātou pūkete tukunga. Tukuna atu te kōnae ki a rātou, kātahi pānuitia te tapumati ki a rātou mā te waea.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="95"/>
        <source>Name on the card</source>
        <translation type="unfinished">Ingoa kei te kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="96"/>
        <source>This organisation&apos;s name</source>
        <translation type="unfinished">Te ingoa o tēnei whakahaere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="98"/>
        <source>Kind of organisation</source>
        <translation type="unfinished">Momo whakahaere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="103"/>
        <source>Fingerprint</source>
        <translation type="unfinished">Tapumati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="105"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ingoa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="105"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished">&amp;Momo:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="106"/>
        <source>Fingerprint:</source>
        <translation type="unfinished">Tapumati:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="109"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="114"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="119"/>
        <source>&amp;Save card…</source>
        <translation type="unfinished">&amp;Tiaki kāri…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="133"/>
        <source>The name has characters that cannot be used, or is too long.</source>
        <translation type="unfinished">He pū kei te ingoa e kore e taea te whakamahi, he roa rawa rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="139"/>
        <source>No card was made: {problem}</source>
        <translation type="unfinished">Kāore i hangaia he kāri: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="149"/>
        <source>Save card</source>
        <translation type="unfinished">Tiaki kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="150"/>
        <source>Partner cards (*.json)</source>
        <translation type="unfinished">Ngā kāri rōpū pātui (*.json)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="159"/>
        <source>That file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="162"/>
        <source>Saved as {file}. Send it to the referring organisation, then read them the fingerprint above by phone.</source>
        <translation type="unfinished">Kua tiakina hei {file}. Tukuna atu ki te whakahaere tuku, kātahi pānuitia ki a rātou te tapumati i runga ake nei mā te waea.</translation>
    </message>
</context>
<context>
    <name>RecordConsentDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="62"/>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="63"/>
        <source>Record consent</source>
        <translation type="unfinished">Tuhi whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="68"/>
        <source>Record what the person agreed to, or refused: who may receive which information, and what for.</source>
        <translation type="unfinished">Tuhia te mea i whakaae ai te tangata, i whakakāhore rānei: ko wai ka whiwhi i ēhea mōhiohio, ā, mō te aha.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="76"/>
        <source>Recipients</source>
        <translation type="unfinished">Ngā kaiwhiwhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="77"/>
        <source>Purposes</source>
        <translation>Ngā take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="79"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="81"/>
        <source>&amp;Recipients (partners or kinds of partner):</source>
        <translation type="unfinished">Ngā &amp;kaiwhiwhi (ngā rōpū pātui, ngā momo rōpū pātui rānei):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="82"/>
        <source>&amp;Purposes:</source>
        <translation type="unfinished">Ngā &amp;take:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="83"/>
        <source>&amp;Information (kinds of information):</source>
        <translation type="unfinished">Ngā &amp;mōhiohio (ngā momo mōhiohio):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="93"/>
        <source>How consent was given</source>
        <translation type="unfinished">I pēhea te hoatu o te whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="97"/>
        <source>Language of the notice</source>
        <translation type="unfinished">Reo o te pānui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="102"/>
        <source>Given by</source>
        <translation type="unfinished">Nā wai i hoatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="105"/>
        <source>&amp;Method:</source>
        <translation type="unfinished">Tika&amp;nga:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="106"/>
        <source>&amp;Language of the notice:</source>
        <translation type="unfinished">&amp;Reo o te pānui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="107"/>
        <source>Given &amp;by:</source>
        <translation type="unfinished">Nā &amp;wai i hoatu:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="109"/>
        <source>&amp;Expires on:</source>
        <translation type="unfinished">Ka &amp;pau hei te:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="110"/>
        <source>Consent expires</source>
        <translation type="unfinished">Ka pau te whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="112"/>
        <source>Expiry date</source>
        <translation type="unfinished">Rā pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="126"/>
        <source>What is still needed</source>
        <translation type="unfinished">Ngā mea e hiahiatia tonu ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="128"/>
        <source>&amp;Record</source>
        <translation type="unfinished">Tu&amp;hi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="134"/>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="135"/>
        <source>The person&apos;s decision</source>
        <translation type="unfinished">Te whakatau a te tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="137"/>
        <source>A&amp;grees: this may be shared</source>
        <translation type="unfinished">Wh&amp;akaae: ka āhei tēnei kia tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="138"/>
        <source>Re&amp;fuses: this must not be shared</source>
        <translation type="unfinished">Whakakāhor&amp;e: kaua tēnei e tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="148"/>
        <source>a recipient</source>
        <translation type="unfinished">he kaiwhiwhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="149"/>
        <source>a purpose</source>
        <translation type="unfinished">he take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="150"/>
        <source>a kind of information</source>
        <translation type="unfinished">he momo mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="152"/>
        <source>Choose at least: {missing}.</source>
        <translation type="unfinished">Kōwhiria, i te iti rawa: {missing}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="172"/>
        <source>The expiry must be after today.</source>
        <translation type="unfinished">Me muri mai te rā pau i tēnei rā.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="178"/>
        <source>Not recorded: {problem}</source>
        <translation type="unfinished">Kāore i tuhia: {problem}</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="24"/>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="25"/>
        <source>Recover access</source>
        <translation type="unfinished">Whakaora urunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="27"/>
        <source>Your privacy officer holds the organisation&apos;s recovery key (written down when Tiaki was set up). With it you can choose a new passphrase; no records are lost.</source>
        <translation type="unfinished">Kei tō āpiha matatapu te kī whakaora o te whakahaere (i tuhia i te wā i whakaritea ai a Tiaki). Mā tēnā ka taea e koe te kōwhiri kupuhipa hou; kāore he mauhanga e ngaro.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="34"/>
        <source>Recovery key</source>
        <translation type="unfinished">Kī whakaora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="36"/>
        <source>Sign-in name</source>
        <translation type="unfinished">Ingoa takiuru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="37"/>
        <source>&amp;Recovery key:</source>
        <translation type="unfinished">&amp;Kī whakaora:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="37"/>
        <source>&amp;Sign-in name:</source>
        <translation type="unfinished">&amp;Ingoa takiuru:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="55"/>
        <source>Enter the recovery key and your sign-in name.</source>
        <translation type="unfinished">Tāurutia te kī whakaora me tō ingoa takiuru.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/recovery_dialog.py" line="61"/>
        <source>Opening the store…</source>
        <translation type="unfinished">E whakatuwhera ana i te pātaka…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="83"/>
        <source>The recovery key</source>
        <translation type="unfinished">Te kī whakaora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="86"/>
        <source>Set-up status</source>
        <translation type="unfinished">Tūnga tatūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="89"/>
        <source>Write this recovery key on paper (or print it) now and keep it somewhere safe, away from this computer. It is shown only this once. Anyone who has it can open the store.</source>
        <translation type="unfinished">Tuhia tēnei kī whakaora ki runga pepa (tāngia rānei) ināianei, ā, tiakina ki tētahi wāhi haumaru, tawhiti atu i tēnei rorohiko. Kotahi anake te wā ka whakaaturia. Ka taea e te tangata kei a ia te kī te whakatuwhera i te pātaka.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="96"/>
        <source>Recovery key</source>
        <translation type="unfinished">Kī whakaora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="97"/>
        <source>Recovery &amp;key:</source>
        <translation type="unfinished">&amp;Kī whakaora:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="99"/>
        <source>&amp;Copy</source>
        <translation>&amp;Tārua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="100"/>
        <source>Copy the key; the clipboard is cleared again after 30 seconds.</source>
        <translation type="unfinished">Tāruatia te kī; ka whakawāteatia anō te papatopenga i muri i ngā hēkona 30.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="107"/>
        <source>I have &amp;stored the recovery key safely</source>
        <translation type="unfinished">Kua &amp;waiho e au te kī whakaora ki tētahi wāhi haumaru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="108"/>
        <source>I have stored the recovery key safely</source>
        <translation type="unfinished">Kua waiho e au te kī whakaora ki tētahi wāhi haumaru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="123"/>
        <source>Creating the encrypted store…</source>
        <translation type="unfinished">E hanga ana i te pātaka whakamuna…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="126"/>
        <source>The encrypted store is ready.</source>
        <translation type="unfinished">Kua rite te pātaka whakamuna.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="132"/>
        <source>The store could not be created: {problem} Go back and try again.</source>
        <translation type="unfinished">Kāore i taea te hanga i te pātaka: {problem} Hoki whakamuri, ka whakamātau anō.</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="80"/>
        <source>Refer to a partner — {person}</source>
        <translation type="unfinished">Tukuna ki tētahi rōpū pātui — {person}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="81"/>
        <source>Refer to a partner</source>
        <translation type="unfinished">Tukuna ki tētahi rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="85"/>
        <source>Make an encrypted referral packet that only the chosen partner can open. Only what is shown as going is put in it.</source>
        <translation type="unfinished">Hangaia he pūkete tukunga whakamuna, ko te rōpū pātui i kōwhiria anake ka taea te whakatuwhera. Ko ngā mea anake e whakaaturia ana hei tuku ka kuhua ki roto.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="96"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="100"/>
        <source>Summary</source>
        <translation>Whakarāpopototanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="102"/>
        <source>&amp;Goes in the packet:</source>
        <translation type="unfinished">Ka &amp;uru ki te pūkete:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="102"/>
        <source>W&amp;ithheld:</source>
        <translation type="unfinished">Ka pur&amp;itia:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="105"/>
        <source>Export progress</source>
        <translation type="unfinished">Te ahunga whakamua o te kaweake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="110"/>
        <source>Export status</source>
        <translation type="unfinished">Te tūnga o te kaweake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="123"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="127"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="133"/>
        <source>Urgency</source>
        <translation type="unfinished">Te kōhukihuki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="137"/>
        <source>Reason for referral</source>
        <translation type="unfinished">Te pūtake o te tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="140"/>
        <source>Services requested</source>
        <translation type="unfinished">Ngā ratonga e tonoa ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="143"/>
        <source>Note to the partner</source>
        <translation type="unfinished">He kōrero ki te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="147"/>
        <source>&amp;Partner:</source>
        <translation type="unfinished">&amp;Rōpū pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="147"/>
        <source>P&amp;urpose:</source>
        <translation type="unfinished">&amp;Take:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="148"/>
        <source>Urgenc&amp;y:</source>
        <translation type="unfinished">Te &amp;kōhukihuki:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="148"/>
        <source>&amp;Reason:</source>
        <translation type="unfinished">Te &amp;pūtake:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="149"/>
        <source>&amp;Services requested:</source>
        <translation type="unfinished">Ngā ratonga e t&amp;onoa ana:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="149"/>
        <source>&amp;Note to the partner:</source>
        <translation type="unfinished">&amp;He kōrero ki te rōpū pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="155"/>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="297"/>
        <source>&amp;Export packet…</source>
        <translation type="unfinished">Ka&amp;weake i te pūkete…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="156"/>
        <source>Encrypt what is shown as going for this partner and save it as a file to send by email or on a USB stick</source>
        <translation type="unfinished">Whakamunatia ngā mea e whakaaturia ana hei tuku ki tēnei rōpū pātui, ka tiaki ai hei kōnae hei tuku mā te īmēra, mā tētahi rākau USB rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="159"/>
        <source>Stop e&amp;xport</source>
        <translation type="unfinished">Whaka&amp;mutua te kaweake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="162"/>
        <source>Pr&amp;int form…</source>
        <translation type="unfinished">Tā i te puk&amp;a…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="164"/>
        <source>Save form as P&amp;DF…</source>
        <translation type="unfinished">Tiaki i te puka hei P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="196"/>
        <source>No partner is enrolled for referrals yet: a privacy officer enrols it from its card under Tools → Partners and agreements.</source>
        <translation type="unfinished">Kāore anō tētahi rōpū pātui kia whakaurua mō ngā tukunga: mā te āpiha matatapu e whakauru mai i tōna kāri i Taputapu → Rōpū pātui me ngā whakaritenga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="210"/>
        <source>Nothing may go to this partner for this purpose now, so there is no packet to make.</source>
        <translation type="unfinished">Kāore he mea e āhei ana kia tukuna ki tēnei rōpū pātui mō tēnei take i tēnei wā, nō reira kāore he pūkete hei hanga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="214"/>
        <source>{allowed} item(s) go in the packet; {withheld} withheld.</source>
        <translation type="unfinished">Ka uru ki te pūkete: {allowed}; ka puritia: {withheld}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="228"/>
        <source>The reason and services may have at most {short} characters and the note {long}, with no control characters.</source>
        <translation type="unfinished">Ko te pūtake me ngā ratonga, kia kaua e neke ake i te {short} pū, ko te kōrero kia kaua e neke ake i te {long}, ā, kaua he pū whakahaere (control characters).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="239"/>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="309"/>
        <source>Save referral packet</source>
        <translation type="unfinished">Tiaki i te pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="240"/>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="311"/>
        <source>Referral packets (*.age)</source>
        <translation type="unfinished">Ngā pūkete tukunga (*.age)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="280"/>
        <source>Making the packet…</source>
        <translation type="unfinished">E hanga ana i te pūkete…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="295"/>
        <source>The packet was made and recorded, but that file could not be written. Choose another place with Export packet.</source>
        <translation type="unfinished">I hangaia, i tāuruhia hoki te pūkete, engari kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi mā Kaweake i te pūkete.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="303"/>
        <source>Packet saved as {file}. Only {partner} can open it: send it by email or on a USB stick. You can now print the referral form.</source>
        <translation type="unfinished">Kua tiakina te pūkete hei {file}. Ko {partner} anake ka taea te whakatuwhera: tukuna mā te īmēra, mā tētahi rākau USB rānei. Ka taea e koe ināianei te tā i te puka tukunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="317"/>
        <source>That file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="326"/>
        <source>Export stopped; no packet was made.</source>
        <translation type="unfinished">Kua whakamutua te kaweake; kāore he pūkete i hangaia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="329"/>
        <source>No packet was made: {problem}</source>
        <translation type="unfinished">Kāore he pūkete i hangaia: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="344"/>
        <source>Print the referral form</source>
        <translation type="unfinished">Tāngia te puka tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="356"/>
        <source>The form was not printed: the printer could not be used.</source>
        <translation type="unfinished">Kāore te puka i tāngia: kāore i taea te whakamahi i te pūreretā.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="359"/>
        <source>The form was not printed: {problem}</source>
        <translation type="unfinished">Kāore te puka i tāngia: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="361"/>
        <source>The referral form was sent to the printer.</source>
        <translation type="unfinished">Kua tukuna te puka tukunga ki te pūreretā.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="368"/>
        <source>Save form as PDF</source>
        <translation type="unfinished">Tiaki i te puka hei PDF</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="369"/>
        <source>The PDF is NOT encrypted: anyone who gets the file can read this person&apos;s information. Save it only where your organisation allows, and delete it when it is no longer needed.</source>
        <translation type="unfinished">KĀORE te PDF i whakamunatia: ka taea e te tangata ka whiwhi i te kōnae te pānui i ngā mōhiohio o tēnei tangata. Tiakina ki ngā wāhi anake e whakaaetia ana e tō whakahaere, ā, mukua ina kore e hiahiatia ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="372"/>
        <source>&amp;Save unencrypted PDF…</source>
        <translation type="unfinished">&amp;Tiaki i te PDF kāore i whakamunatia…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="374"/>
        <source>The PDF is not encrypted</source>
        <translation type="unfinished">Kāore te PDF i whakamunatia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="376"/>
        <source>Warning</source>
        <translation>Whakatūpato</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="384"/>
        <source>Save referral form</source>
        <translation type="unfinished">Tiaki i te puka tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="385"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="395"/>
        <source>The form was not saved: that file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore te puka i tiakina: kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="402"/>
        <source>The form was not saved: {problem}</source>
        <translation type="unfinished">Kāore te puka i tiakina: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_dialog.py" line="404"/>
        <source>The referral form was saved as {file} (not encrypted).</source>
        <translation type="unfinished">Kua tiakina te puka tukunga hei {file} (kāore i whakamunatia).</translation>
    </message>
</context>
<context>
    <name>ReferralForm</name>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="44"/>
        <source>Routine</source>
        <translation type="unfinished">Noa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="45"/>
        <source>Urgent</source>
        <translation>Kōhukihuki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="46"/>
        <source>As soon as possible</source>
        <translation type="unfinished">Kia tere tonu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="50"/>
        <source>Referral</source>
        <translation>Tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="51"/>
        <source>Confidential</source>
        <translation>Matatapu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="52"/>
        <source>Page {page} of {pages}</source>
        <translation>Whārangi {page} o {pages}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="53"/>
        <source>Referral number</source>
        <translation type="unfinished">Nama tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="54"/>
        <source>From</source>
        <translation type="unfinished">Nā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="55"/>
        <source>Coordinator</source>
        <translation type="unfinished">Kaiwhakarite</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="56"/>
        <source>To</source>
        <translation>Ki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="57"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="58"/>
        <source>Urgency</source>
        <translation type="unfinished">Te kōhukihuki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="59"/>
        <source>Date</source>
        <translation>Rā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="60"/>
        <source>Reason for referral</source>
        <translation type="unfinished">Te pūtake o te tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="61"/>
        <source>Services requested</source>
        <translation type="unfinished">Ngā ratonga e tonoa ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="62"/>
        <source>Note to the partner</source>
        <translation type="unfinished">He kōrero ki te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="63"/>
        <source>Information shared</source>
        <translation type="unfinished">Ngā mōhiohio i tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="64"/>
        <source>Information</source>
        <translation>Mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="65"/>
        <source>Value</source>
        <translation>Uara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="66"/>
        <source>Basis for sharing</source>
        <translation type="unfinished">Te tūāpapa mō te tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="67"/>
        <source>Information withheld, and why</source>
        <translation type="unfinished">Ngā mōhiohio i puritia, me te pūtake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="68"/>
        <source>Nothing was withheld.</source>
        <translation type="unfinished">Kāore he mea i puritia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="69"/>
        <source>Shared under a serious-threat override (Privacy Act, principle 11(1)(f)); a supervisor reviews this disclosure.</source>
        <translation type="unfinished">I tiria i raro i te whakatau motuhake mōrearea nui (Privacy Act, mātāpono 11(1)(f)); ka arotakehia tēnei whākinga e tētahi kaitirotiro.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_form.py" line="72"/>
        <source>This form holds personal information. Keep it secure, share it only with the people who provide the service, and destroy it when it is no longer needed.</source>
        <translation type="unfinished">He mōhiohio whaiaro kei roto i tēnei puka. Tiakina kia haumaru, tiria ki ngā tāngata anake e whakarato ana i te ratonga, ā, whakangaromia ina kore e hiahiatia ana.</translation>
    </message>
</context>
<context>
    <name>ResetPassphraseDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="73"/>
        <source>Set a new passphrase for {name}</source>
        <translation type="unfinished">Tautuhia he kupuhipa hou mō {name}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/passphrase_dialogs.py" line="74"/>
        <source>Tell the worker their new passphrase in person; they should change it the first time they sign in.</source>
        <translation type="unfinished">Kōrerotia ā-kanohi ki te kaimahi tōna kupuhipa hou; me panoni e ia i te wā tuatahi ka takiuru ia.</translation>
    </message>
</context>
<context>
    <name>ReviewDashboard</name>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="18"/>
        <source>Overrides awaiting review</source>
        <translation type="unfinished">Ngā whakatau motuhake e tatari ana kia arotakehia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="19"/>
        <source>No receipt after {days} days</source>
        <translation type="unfinished">Kāore he rihīti i muri i ngā rā e {days}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="20"/>
        <source>Under an expired agreement</source>
        <translation type="unfinished">I raro i tētahi whakaritenga kua pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="21"/>
        <source>Revocations not acknowledged</source>
        <translation type="unfinished">Ngā hīkitanga kāore anō kia whakaūngia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="24"/>
        <source>&amp;Overrides awaiting review: {count}</source>
        <translation type="unfinished">Ngā whakatau &amp;motuhake e tatari ana kia arotakehia: {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="25"/>
        <source>No rece&amp;ipt after {days} days: {count}</source>
        <translation type="unfinished">Kāore he &amp;rihīti i muri i ngā rā e {days}: {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="26"/>
        <source>Under an e&amp;xpired agreement: {count}</source>
        <translation type="unfinished">I raro i tētahi whakaritenga kua &amp;pau: {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="27"/>
        <source>Revocations not ac&amp;knowledged: {count}</source>
        <translation type="unfinished">Ngā hīkitanga kāore anō kia &amp;whakaūngia: {count}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="47"/>
        <source>To review:</source>
        <translation type="unfinished">Hei arotake:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="56"/>
        <source>Review dashboard</source>
        <translation type="unfinished">Papatohu arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_dashboard.py" line="67"/>
        <source>Open the review queue showing only these</source>
        <translation type="unfinished">Whakatuwheratia te tūtira arotake, ko ēnei anake e whakaaturia ana</translation>
    </message>
</context>
<context>
    <name>ReviewItemModel</name>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="45"/>
        <source>Kind</source>
        <translation>Momo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="45"/>
        <source>When</source>
        <translation type="unfinished">Āhea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="46"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="46"/>
        <source>Worker</source>
        <translation>Kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="47"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="47"/>
        <source>Why it is here</source>
        <translation type="unfinished">He aha i konei ai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="66"/>
        <source>No receipt after {days} days</source>
        <translation type="unfinished">Kāore he rihīti i muri i ngā rā e {days}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="68"/>
        <source>Agreement ended on {date}</source>
        <translation type="unfinished">I mutu te whakaritenga i te {date}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="71"/>
        <source>Shared under a serious-threat override</source>
        <translation type="unfinished">I tiria i raro i te whakatau motuhake mōrearea nui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="73"/>
        <source>The partner has not confirmed the withdrawal</source>
        <translation type="unfinished">Kāore anō te rōpū pātui kia whakaū i te unu</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="50"/>
        <source>Choose whether the disclosure is accepted or rejected.</source>
        <translation type="unfinished">Kōwhiria mēnā ka whakaaetia, ka whakakāhoretia rānei te whākinga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="51"/>
        <source>Write a comment saying why (at most {max} characters).</source>
        <translation type="unfinished">Tuhia he kōrero e whakamārama ana he aha ai (kia {max} ngā pū te mōrahi).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="52"/>
        <source>This item is no longer in the review queue.</source>
        <translation type="unfinished">Kua kore tēnei tūemi i te tūtira arotake.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="53"/>
        <source>This item has already been reviewed.</source>
        <translation type="unfinished">Kua arotakehia kē tēnei tūemi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="221"/>
        <source>Disclosures to look at. Record for each whether it was justified, with a comment; no one can review a disclosure they made themselves.</source>
        <translation type="unfinished">Ngā whākinga hei tirotiro. Tuhia mō ia whākinga mēnā i tika, me tētahi kōrero; kāore e taea e tētahi te arotake i tētahi whākinga nāna anō i mahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="227"/>
        <source>Show</source>
        <translation>Whakaatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="228"/>
        <source>All kinds</source>
        <translation>Ngā momo katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="231"/>
        <source>Sho&amp;w:</source>
        <translation type="unfinished">Whaka&amp;atu:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="240"/>
        <source>Disclosures to review</source>
        <translation type="unfinished">Ngā whākinga hei arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="247"/>
        <source>Why you cannot decide</source>
        <translation type="unfinished">Te pūtake e kore ai koe e whakatau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="251"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="255"/>
        <source>Review status</source>
        <translation type="unfinished">Tūnga arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="258"/>
        <source>&amp;Decide…</source>
        <translation type="unfinished">&amp;Whakatau…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="259"/>
        <source>Decide</source>
        <translation>Whakatau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="261"/>
        <source>Re&amp;fresh</source>
        <translation type="unfinished">Whaka&amp;hou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="262"/>
        <source>Refresh</source>
        <translation>Whakahou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="310"/>
        <source>You made this disclosure yourself, so another supervisor or privacy officer must review it.</source>
        <translation type="unfinished">Nāu anō tēnei whākinga i mahi, nō reira me arotake e tētahi atu kaitirotiro, āpiha matatapu rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="312"/>
        <source>{count} item(s) shown.</source>
        <translation type="unfinished">{count} tūemi e whakaaturia ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/review_panel.py" line="333"/>
        <source>Decision recorded: {kind}, {partner}. {count} item(s) shown.</source>
        <translation type="unfinished">Kua tuhia te whakatau: {kind}, {partner}. {count} tūemi e whakaaturia ana.</translation>
    </message>
</context>
<context>
    <name>SenderCardDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="175"/>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="176"/>
        <source>This device&apos;s sender card</source>
        <translation type="unfinished">Te kāri kaituku o tēnei pūrere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="179"/>
        <source>Organisations you refer clients to trust this card, so that they accept the referral packets made here. Send them the file, then read the fingerprint to them over the phone.</source>
        <translation type="unfinished">Ka whakawhirinaki ngā whakahaere ka tukuna atu e koe ngā kiritaki ki a rātou ki tēnei kāri, kia whakaae ai rātou ki ngā pūkete tukunga ka hangaia i konei. Tukuna te kōnae ki a rātou, kātahi ka pānui i te tapumati ki a rātou mā te waea.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="186"/>
        <source>Organisation on the card</source>
        <translation type="unfinished">Te whakahaere kei te kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="188"/>
        <source>Fingerprint</source>
        <translation>Tapumati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="190"/>
        <source>Organisation:</source>
        <translation>Whakahaere:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="191"/>
        <source>Fingerprint:</source>
        <translation>Tapumati:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="195"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="200"/>
        <source>&amp;Save card…</source>
        <translation type="unfinished">&amp;Tiaki kāri…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="207"/>
        <source>Save card</source>
        <translation type="unfinished">Tiaki kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="208"/>
        <source>Sender cards (*.json)</source>
        <translation type="unfinished">Ngā kāri kaituku (*.json)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="214"/>
        <source>That file could not be written. Choose another place.</source>
        <translation type="unfinished">Kāore i taea te tuhi ki taua kōnae. Kōwhiria tētahi atu wāhi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="217"/>
        <source>Saved as {file}.</source>
        <translation type="unfinished">Kua tiakina hei {file}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="44"/>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="45"/>
        <source>Settings</source>
        <translation>Tautuhinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="48"/>
        <source>For you on this computer</source>
        <translation type="unfinished">Mōu i tēnei rorohiko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="54"/>
        <source>Interface language</source>
        <translation type="unfinished">Te reo o te atanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="55"/>
        <source>&amp;Language:</source>
        <translation type="unfinished">&amp;Reo:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="58"/>
        <source>For everyone who uses Tiaki on this computer</source>
        <translation type="unfinished">Mō te hunga katoa e whakamahi ana i a Tiaki i tēnei rorohiko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="60"/>
        <source> min</source>
        <translation type="unfinished"> meneti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="61"/>
        <source>Lock after this many idle minutes</source>
        <translation type="unfinished">Te maha o ngā meneti noho kore mahi i mua i te raka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="62"/>
        <source>Lock after &amp;idle:</source>
        <translation type="unfinished">Raka ā muri i te &amp;noho:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="63"/>
        <source> s</source>
        <translation type="unfinished"> hēk</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="64"/>
        <source>Clear a copied value from the clipboard after this many seconds</source>
        <translation type="unfinished">Te maha o ngā hēkona i mua i te whakawātea i tētahi uara kua tāruatia i te papatopenga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="65"/>
        <source>&amp;Clear copied values after:</source>
        <translation type="unfinished">&amp;Whakawātea ngā uara kua tāruatia ā muri i:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="71"/>
        <source>How often to send shares to partners</source>
        <translation type="unfinished">Kia hia te auau o te tuku tiritiri ki ngā rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="72"/>
        <source>S&amp;ync automatically:</source>
        <translation type="unfinished">&amp;Tukutahi aunoa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="114"/>
        <source>Off — only when I choose Sync now</source>
        <translation type="unfinished">Weto — ina kōwhiri au i te Tukutahi ināianei anake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="116"/>
        <source>Every {n} hour(s)</source>
        <translation type="unfinished">Ia hāora {n}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="117"/>
        <source>Every {n} minutes</source>
        <translation type="unfinished">Ia meneti {n}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="152"/>
        <source>Your language choice could not be saved on this computer; Tiaki uses it until you quit.</source>
        <translation type="unfinished">Kāore i taea te tiaki i tō kōwhiringa reo ki tēnei rorohiko; ka whakamahia e Tiaki kia puta rā anō koe.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="74"/>
        <source>Organisation name</source>
        <translation>Ingoa whakahaere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="76"/>
        <source>Named in collection notices, consent records and receipts as the agency holding the information.</source>
        <translation type="unfinished">Ka whakahuatia i ngā pānui kohinga, i ngā mauhanga whakaaetanga me ngā rihīti hei whakahaere e pupuri ana i ngā mōhiohio.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="80"/>
        <source>&amp;Organisation name:</source>
        <translation type="unfinished">&amp;Ingoa whakahaere:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="85"/>
        <source>Applies to everyone who uses Tiaki on this computer.</source>
        <translation type="unfinished">Ka pā ki te hunga katoa e whakamahi ana i a Tiaki i tēnei rorohiko.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/settings_dialog.py" line="86"/>
        <source>Only a privacy officer can change this.</source>
        <translation type="unfinished">Mā te āpiha matatapu anake tēnei e panoni.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="151"/>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="152"/>
        <source>Set up Tiaki</source>
        <translation type="unfinished">Whakarite i a Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/setup_wizard.py" line="158"/>
        <source>&amp;Open Tiaki</source>
        <translation type="unfinished">&amp;Whakatuwhera i a Tiaki</translation>
    </message>
</context>
<context>
    <name>SharePreviewDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="111"/>
        <source>What would be shared — {person}</source>
        <translation type="unfinished">He aha ka tiria — {person}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="112"/>
        <source>What would be shared</source>
        <translation type="unfinished">He aha ka tiria</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="122"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="126"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="129"/>
        <source>&amp;Partner:</source>
        <translation type="unfinished">&amp;Rōpū pātui:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="129"/>
        <source>P&amp;urpose:</source>
        <translation type="unfinished">&amp;Take:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="115"/>
        <source>What would leave Tiaki now if this client&apos;s record were sent to a partner for a purpose. Nothing leaves until you choose Send.</source>
        <translation type="unfinished">Ngā mea ka puta i a Tiaki ināianei mēnā ka tukuna te mauhanga o tēnei kiritaki ki tētahi rōpū pātui mō tētahi take. Kāore he mea e puta kia kōwhiri rā anō koe i a Tukuna.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="138"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="142"/>
        <source>Summary</source>
        <translation>Whakarāpopototanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="145"/>
        <source>&amp;Would be shared:</source>
        <translation type="unfinished">&amp;Ka tiria:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="145"/>
        <source>W&amp;ithheld:</source>
        <translation type="unfinished">Ka pur&amp;itia:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="151"/>
        <source>Sending</source>
        <translation type="unfinished">Te tuku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="155"/>
        <source>&amp;Send to this partner</source>
        <translation type="unfinished">T&amp;ukuna ki tēnei rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="156"/>
        <source>Queue what is shown as shared; Tiaki sends it when online and checks it again at that moment</source>
        <translation type="unfinished">Tāpirihia ki te tūtira ngā mea e whakaaturia ana ka tiria; ka tukuna e Tiaki ina tuihono, ā, ka tirohia anō i taua wā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="182"/>
        <source>This partner is not enrolled for sending yet: a privacy officer enrols it from its card under Tools → Partners and agreements.</source>
        <translation type="unfinished">Kāore anō tēnei rōpū pātui kia whakaurua mō te tuku: mā te āpiha matatapu e whakauru mai i tōna kāri i Taputapu → Rōpū pātui me ngā whakaritenga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="185"/>
        <source>Sending under the override asks you to confirm first; a supervisor then reviews the disclosure.</source>
        <translation type="unfinished">Ki te tuku i raro i te whakatau motuhake, ka tonoa koe kia whakaū i te tuatahi; kātahi ka arotakehia te whākinga e tētahi kaitirotiro.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="204"/>
        <source>Send under a serious-threat override</source>
        <translation type="unfinished">Tukuna i raro i te whakatau motuhake mōrearea nui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="205"/>
        <source>This information goes to {partner} only because of your written justification: the usual rules would withhold some of it. The justification is kept with the record, and a supervisor or privacy officer will review this disclosure. Send it?</source>
        <translation type="unfinished">Ka tae ēnei mōhiohio ki {partner} nā tō take whakamārama tuhituhi anake: ka puritia ētahi e ngā ture noa. Ka tiakina te take whakamārama ki te mauhanga, ā, ka arotakehia tēnei whākinga e tētahi kaitirotiro, e te āpiha matatapu rānei. Me tuku?</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="209"/>
        <source>&amp;Send under the override</source>
        <translation type="unfinished">&amp;Tukuna i raro i te whakatau motuhake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="211"/>
        <source>Confirm the override</source>
        <translation type="unfinished">Whakaū i te whakatau motuhake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="213"/>
        <source>Warning</source>
        <translation>Whakatūpato</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="229"/>
        <source>Queued. Tiaki sends it when it is online, checks it against consent again at that moment, and keeps the partner&apos;s receipt.</source>
        <translation type="unfinished">Kei te tūtira. Ka tukuna e Tiaki ina tuihono ia, ka tirohia anō ki te whakaaetanga i taua wā, ā, ka tiakina te rihīti a te rōpū pātui.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="232"/>
        <source>Queued under the override. Tiaki sends it when it is online; the disclosure now waits for a supervisor&apos;s review.</source>
        <translation type="unfinished">Kei te tūtira i raro i te whakatau motuhake. Ka tukuna e Tiaki ina tuihono ia; kei te tatari te whākinga ināianei kia arotakehia e tētahi kaitirotiro.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="258"/>
        <source>No partners are recorded yet. A privacy officer adds them under Tools → Partners and agreements.</source>
        <translation type="unfinished">Kāore anō kia tāuruhia he rōpū pātui. Mā te āpiha matatapu rātou e tāpiri i Taputapu → Rōpū pātui me ngā whakaritenga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/share_preview.py" line="278"/>
        <source>{allowed} item(s) would be shared; {withheld} withheld.</source>
        <translation type="unfinished">Ka tiria: {allowed}; ka puritia: {withheld}.</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="28"/>
        <source>The person&apos;s consent</source>
        <translation type="unfinished">Te whakaaetanga a te tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="29"/>
        <source>The purpose it was collected for, or a directly related purpose</source>
        <translation type="unfinished">Te take i kohia ai, he take e hāngai tonu ana rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="31"/>
        <source>Authorised by the person</source>
        <translation type="unfinished">Nā te tangata i whakamana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="32"/>
        <source>An approved information sharing agreement</source>
        <translation type="unfinished">He whakaritenga tiritiri mōhiohio kua whakamanahia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="33"/>
        <source>An information matching agreement</source>
        <translation type="unfinished">He whakaritenga whakataurite mōhiohio</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="34"/>
        <source>A legal requirement</source>
        <translation type="unfinished">He here ā-ture</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="35"/>
        <source>A serious threat to someone&apos;s life or health</source>
        <translation type="unfinished">He mōrearea nui ki te ora, ki te hauora rānei o tētahi tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="39"/>
        <source>Government agency</source>
        <translation>Tari kāwanatanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="40"/>
        <source>NGO</source>
        <translation type="unfinished">NGO</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="41"/>
        <source>Iwi or Pacific provider</source>
        <translation type="unfinished">Kaiwhakarato ā-iwi, ā-Pasifika rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="42"/>
        <source>Health provider</source>
        <translation>Kaiwhakarato hauora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="47"/>
        <source>Any government agency</source>
        <translation type="unfinished">Ia tari kāwanatanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="48"/>
        <source>Any NGO</source>
        <translation type="unfinished">Ia NGO</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="49"/>
        <source>Any iwi or Pacific provider</source>
        <translation type="unfinished">Ia kaiwhakarato ā-iwi, ā-Pasifika rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="50"/>
        <source>Any health provider</source>
        <translation type="unfinished">Ia kaiwhakarato hauora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="54"/>
        <source>Verbal</source>
        <translation type="unfinished">Ā-waha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="55"/>
        <source>Written</source>
        <translation type="unfinished">Ā-tuhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="56"/>
        <source>Electronic</source>
        <translation type="unfinished">Ā-hiko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="60"/>
        <source>The person</source>
        <translation>Te tangata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="61"/>
        <source>A parent or guardian</source>
        <translation type="unfinished">He matua, he kaitiaki rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="62"/>
        <source>A representative</source>
        <translation type="unfinished">He māngai</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="66"/>
        <source>Not yet in force</source>
        <translation type="unfinished">Kāore anō kia whai mana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="67"/>
        <source>Active</source>
        <translation type="unfinished">Whai mana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="68"/>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="75"/>
        <source>Withdrawn</source>
        <translation type="unfinished">Kua unuhia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="69"/>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="76"/>
        <source>Expired</source>
        <translation type="unfinished">Kua pau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="73"/>
        <source>Given</source>
        <translation type="unfinished">I hoatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="74"/>
        <source>Renewed</source>
        <translation type="unfinished">I whakahoutia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="109"/>
        <source>Permit</source>
        <translation>Whakaae</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sharing_labels.py" line="109"/>
        <source>Deny</source>
        <translation type="unfinished">Whakakāhore</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="75"/>
        <source>The worker name or passphrase is not right.</source>
        <translation type="unfinished">Kāore i tika te ingoa kaimahi, te kupuhipa rānei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="77"/>
        <source>Too many failed attempts. Try again in {seconds} seconds.</source>
        <translation type="unfinished">He maha rawa ngā whakamātau i rahua. Whakamātau anō ā muri i ngā hēkona e {seconds}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="80"/>
        <source>Several workers use this store: say which worker you are.</source>
        <translation type="unfinished">He maha ngā kaimahi e whakamahi ana i tēnei pātaka: kīia ko tēhea kaimahi koe.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="82"/>
        <source>There is no Tiaki store in this data directory yet. Set one up first.</source>
        <translation type="unfinished">Kāore anō he pātaka Tiaki i tēnei kōpaki raraunga. Whakaritea tētahi i te tuatahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="84"/>
        <source>A Tiaki store already exists in this data directory.</source>
        <translation type="unfinished">Kua noho kē tētahi pātaka Tiaki ki tēnei kōpaki raraunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="86"/>
        <source>The store is damaged and cannot be read safely. Nothing was changed. Restore from a backup or ask your privacy officer for help.</source>
        <translation type="unfinished">Kua pakaru te pātaka, ā, e kore e taea te pānui haumaru. Kāore he mea i panonitia. Whakahokia mai i tētahi tārua pūrua, pātai atu rānei ki tō āpiha matatapu mō te āwhina.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/messages.py" line="92"/>
        <source>Something went wrong: {error}</source>
        <translation type="unfinished">I hē tētahi mea: {error}</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="23"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished">E tatari ana kia tukuna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="24"/>
        <source>Sealed, waiting to be sent</source>
        <translation type="unfinished">Kua hiritia, e tatari ana kia tukuna</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="25"/>
        <source>Sent, no receipt yet</source>
        <translation type="unfinished">Kua tukuna, kāore anō he rihīti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="26"/>
        <source>Delivered (receipt verified)</source>
        <translation type="unfinished">Kua tae (kua manatokona te rihīti)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="27"/>
        <source>Refused by the partner</source>
        <translation type="unfinished">I whakakāhoretia e te rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="28"/>
        <source>Stopped: needs attention</source>
        <translation type="unfinished">Kua tū: me aro atu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="29"/>
        <source>Cancelled</source>
        <translation type="unfinished">Kua whakakorehia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="32"/>
        <source>Share</source>
        <translation type="unfinished">Tiritiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="33"/>
        <source>Update</source>
        <translation>Whakahou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="34"/>
        <source>Consent withdrawn notice</source>
        <translation type="unfinished">Pānui unu whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="37"/>
        <source>Referral packet</source>
        <translation type="unfinished">Pūkete tukunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="38"/>
        <source>Exported as an encrypted file (no receipt for packets)</source>
        <translation type="unfinished">Kua kaweakehia hei kōnae whakamuna (kāore he rihīti mō ngā pūkete)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="42"/>
        <source>The information was removed from the record before it was sent.</source>
        <translation type="unfinished">I tangohia ngā mōhiohio i te mauhanga i mua i te tukunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="43"/>
        <source>The record was archived before it was sent.</source>
        <translation type="unfinished">I kuhua te mauhanga ki te pūranga i mua i te tukunga.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="44"/>
        <source>The partner refused it: the person&apos;s consent was withdrawn.</source>
        <translation type="unfinished">I whakakāhoretia e te rōpū pātui: kua unuhia te whakaaetanga a te tangata.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="45"/>
        <source>The partner holds a different version under the same message id.</source>
        <translation type="unfinished">He putanga kē kei te rōpū pātui i raro i taua tautuhi karere anō.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="89"/>
        <source>{name}: {acknowledged} acknowledged, {waiting} waiting</source>
        <translation type="unfinished">{name}: {acknowledged} kua whakaūngia, {waiting} e tatari ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="92"/>
        <source>, {n} set aside</source>
        <translation type="unfinished">, {n} kua waiho ki te taha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="94"/>
        <source>, {n} refused</source>
        <translation type="unfinished">, {n} kua whakakāhoretia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="160"/>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="187"/>
        <source>Partner</source>
        <translation type="unfinished">Rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="161"/>
        <source>Waiting</source>
        <translation>E tatari ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="162"/>
        <source>Sent, no receipt</source>
        <translation type="unfinished">Kua tukuna, kāore he rihīti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="163"/>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="193"/>
        <source>Delivered</source>
        <translation type="unfinished">Kua tae</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="164"/>
        <source>Stopped or refused</source>
        <translation type="unfinished">Kua tū, kua whakakāhoretia rānei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="165"/>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="192"/>
        <source>Last attempt</source>
        <translation type="unfinished">Whakamātau whakamutunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="166"/>
        <source>Next attempt</source>
        <translation type="unfinished">Whakamātau e whai ake nei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="167"/>
        <source>Problem</source>
        <translation>Hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="188"/>
        <source>Purpose</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="189"/>
        <source>What</source>
        <translation type="unfinished">Momo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="190"/>
        <source>Status</source>
        <translation>Tūnga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="191"/>
        <source>Queued</source>
        <translation type="unfinished">I tūtira</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="194"/>
        <source>Items sent</source>
        <translation type="unfinished">Ngā tūemi kua tukuna</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../desktop/tiaki/ui/sync_controller.py" line="122"/>
        <source>Sync stopped. Nothing was lost: what was not acknowledged is sent next time.</source>
        <translation type="unfinished">Kua tū te tukutahi. Kāore he mea i ngaro: ko ngā mea kāore anō kia whakaūngia ka tukuna ā tērā wā.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_controller.py" line="124"/>
        <source>Sync stopped by an unexpected error ({kind}). Nothing was lost: what was not acknowledged is sent next time.</source>
        <translation type="unfinished">I tū te tukutahi nā tētahi hapa ohorere ({kind}). Kāore he mea i ngaro: ko ngā mea kāore anō kia whakaūngia ka tukuna ā tērā wā.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="33"/>
        <source>Network: unknown — Tiaki tries on its schedule</source>
        <translation type="unfinished">Whatunga: kāore e mōhiotia — ka whakamātau a Tiaki i runga i tōna hōtaka wā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="35"/>
        <source>Online</source>
        <translation>Tuihono</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="36"/>
        <source>Offline — shares wait safely on this device until a connection returns</source>
        <translation type="unfinished">Tuimotu — e tatari haumaru ana ngā tiritiringa ki tēnei pūrere kia hoki mai rā anō he hononga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="46"/>
        <source>Nothing to send: no partner is enrolled for sending.</source>
        <translation type="unfinished">Kāore he mea hei tuku: kāore he rōpū pātui kua whakaurua mō te tuku.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="55"/>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="56"/>
        <source>Sync with partners</source>
        <translation type="unfinished">Tukutahi ki ngā rōpū pātui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="60"/>
        <source>Network status</source>
        <translation type="unfinished">Tūnga whatunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="65"/>
        <source>Partners and their queues</source>
        <translation type="unfinished">Ngā rōpū pātui me ō rātou tūtira</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="72"/>
        <source>Result of the last sync</source>
        <translation type="unfinished">Te hua o te tukutahi whakamutunga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="76"/>
        <source>Sync progress</source>
        <translation type="unfinished">Te ahunga whakamua o te tukutahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="77"/>
        <source>%v of %m messages</source>
        <translation type="unfinished">%v o %m karere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="79"/>
        <source>&amp;Sync now</source>
        <translation type="unfinished">&amp;Tukutahi ināianei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="112"/>
        <source>A sync is already running.</source>
        <translation type="unfinished">Kei te haere kē tētahi tukutahi.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_dialog.py" line="118"/>
        <source>Syncing…</source>
        <translation type="unfinished">E tukutahi ana…</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="60"/>
        <source>waiting for its next scheduled attempt</source>
        <translation type="unfinished">e tatari ana ki tana whakamātau ā-hōtaka e whai ake nei</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="61"/>
        <source>sync stopped before everything was sent</source>
        <translation type="unfinished">i mutu te tukutahi i mua i te tukunga o ngā mea katoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="62"/>
        <source>queued during the run; sent next time</source>
        <translation type="unfinished">i tūtira i te wā o te oma; ka tukuna ā tērā wā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="63"/>
        <source>the inbox did not accept a connection in time</source>
        <translation type="unfinished">kāore te pouakauru i whakaae ki tētahi hononga i te wā tika</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="64"/>
        <source>could not connect to the inbox</source>
        <translation type="unfinished">kāore i taea te hono ki te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="65"/>
        <source>the TLS handshake with the inbox timed out</source>
        <translation type="unfinished">i pau te wā o te rūrū ringa TLS ki te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="66"/>
        <source>the inbox certificate could not be verified</source>
        <translation type="unfinished">kāore i taea te manatoko i te tiwhikete o te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="67"/>
        <source>the TLS handshake with the inbox failed</source>
        <translation type="unfinished">i rahua te rūrū ringa TLS ki te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="68"/>
        <source>the inbox reply is larger than allowed</source>
        <translation type="unfinished">he nui ake te whakautu a te pouakauru i te mea e whakaaetia ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="69"/>
        <source>the TLS connection to the inbox closed before the reply was complete</source>
        <translation type="unfinished">i kati te hononga TLS ki te pouakauru i mua i te otinga o te whakautu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="70"/>
        <source>the TLS connection to the inbox failed</source>
        <translation type="unfinished">i rahua te hononga TLS ki te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="71"/>
        <source>the inbox did not answer in time</source>
        <translation type="unfinished">kāore te pouakauru i whakautu i te wā tika</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="72"/>
        <source>the connection to the inbox broke before the reply was complete</source>
        <translation type="unfinished">i motu te hononga ki te pouakauru i mua i te otinga o te whakautu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="73"/>
        <source>the connection to the inbox failed</source>
        <translation type="unfinished">i rahua te hononga ki te pouakauru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="74"/>
        <source>the inbox reply is not JSON</source>
        <translation type="unfinished">ehara te whakautu a te pouakauru i te JSON</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="75"/>
        <source>the inbox reply is not a JSON object</source>
        <translation type="unfinished">ehara te whakautu a te pouakauru i te ahanoa JSON</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="76"/>
        <source>the inbox reply is not valid HTTP</source>
        <translation type="unfinished">ehara te whakautu a te pouakauru i te HTTP tika</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/sync_models.py" line="77"/>
        <source>the inbox reply is not valid JSON</source>
        <translation type="unfinished">ehara te whakautu a te pouakauru i te JSON tika</translation>
    </message>
</context>
<context>
    <name>TrustSenderDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="47"/>
        <source>Trust a sender&apos;s card</source>
        <translation type="unfinished">Whakawhirinaki ki te kāri o tētahi kaituku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="48"/>
        <source>An organisation that refers clients to you sends its device card. Before Tiaki accepts its referral packets, phone the organisation (on a number you already know) and read the fingerprint below to each other.</source>
        <translation type="unfinished">Ka tukuna mai e tētahi whakahaere e tuku kiritaki ana ki a koe tōna kāri pūrere. I mua i te whakaae a Tiaki ki ōna pūkete tukunga, waea atu ki te whakahaere (mā tētahi nama e mōhio kē ana koe), ā, pānuitia te tapumati i raro nei ki a kōrua anō.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="51"/>
        <source>Organisation on the card</source>
        <translation type="unfinished">Te whakahaere kei te kāri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="51"/>
        <source>Organisation:</source>
        <translation>Whakahaere:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="52"/>
        <source>I read the fingerprint with the sender and every digit &amp;matches</source>
        <translation type="unfinished">I pānui au i te tapumati me te kaituku, ā, he ōrite &amp;katoa ngā mati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="53"/>
        <source>&amp;Trust this sender</source>
        <translation type="unfinished">&amp;Whakawhirinaki ki tēnei kaituku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="53"/>
        <source>Sender card</source>
        <translation type="unfinished">Kāri kaituku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="54"/>
        <source>Sender cards (*.json);;All files (*)</source>
        <translation type="unfinished">Ngā kāri kaituku (*.json);;Ngā kōnae katoa (*)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="61"/>
        <source>That file is not a usable sender card (it may be damaged, or be a partner card instead).</source>
        <translation type="unfinished">Ehara taua kōnae i te kāri kaituku e taea ana te whakamahi (tērā pea kua pakaru, he kāri rōpū pātui kē rānei).</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/referral_keys_dialog.py" line="70"/>
        <source>Not trusted: {problem}</source>
        <translation type="unfinished">Kāore i whakawhirinakitia: {problem}</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="70"/>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="71"/>
        <source>Something went wrong</source>
        <translation type="unfinished">I hē tētahi mea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="78"/>
        <source>Tiaki ran into a problem it did not expect, and what you were doing may not have finished. Tiaki is still running and your windows are still open: check your work, and save it.</source>
        <translation type="unfinished">I tūtaki a Tiaki ki tētahi hapa kīhai i tūmanakohia, ā, tērā pea kāore i oti tāu mahi. Kei te rere tonu a Tiaki, ā, kei te tuwhera tonu ō matapihi: tirohia tāu mahi, ka tiaki ai.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="81"/>
        <source>Nothing was sent anywhere. The error report below holds no client information: only the kind of error and where in Tiaki&apos;s code it happened. You can save it or copy it for the people who support Tiaki.</source>
        <translation type="unfinished">Kāore tētahi mea i tukuna ki hea. Kāore he mōhiohio kiritaki i te pūrongo hapa i raro nei: ko te momo hapa anake, me te wāhi i te waehere o Tiaki i puta ai. Ka taea e koe te tiaki, te tārua rānei mā te hunga e tautoko ana i a Tiaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="92"/>
        <source>Error report</source>
        <translation>Pūrongo hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="93"/>
        <source>The text that Save and Copy give; it has no client information.</source>
        <translation type="unfinished">Te kupu ka homai e Tiaki me Tārua; kāore he mōhiohio kiritaki i roto.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="100"/>
        <source>&amp;Save error report…</source>
        <translation type="unfinished">&amp;Tiaki i te pūrongo hapa…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="101"/>
        <source>C&amp;opy report</source>
        <translation type="unfinished">Tā&amp;rua i te pūrongo</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="102"/>
        <source>Close</source>
        <translation>Kati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="114"/>
        <source>Unexpected errors after this one: {count}. Each is in Tiaki&apos;s log.</source>
        <translation type="unfinished">Ngā hapa ohorere i muri i tēnei: {count}. Kei te rārangi o Tiaki ia hapa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="121"/>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="124"/>
        <source>Save error report</source>
        <translation type="unfinished">Tiaki i te pūrongo hapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="121"/>
        <source>Text files (*.txt)</source>
        <translation type="unfinished">Ngā kōnae kupu (*.txt)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="135"/>
        <source>The report could not be saved ({reason}). Try another folder.</source>
        <translation type="unfinished">Kāore i taea te tiaki i te pūrongo ({reason}). Whakamātauria tētahi atu kōpaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="136"/>
        <source>system error</source>
        <translation type="unfinished">hapa pūnaha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="138"/>
        <source>Saved the report as {name}.</source>
        <translation type="unfinished">Kua tiakina te pūrongo hei {name}.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/error_dialog.py" line="143"/>
        <source>The report is on the clipboard.</source>
        <translation type="unfinished">Kei te papatopenga te pūrongo.</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="42"/>
        <location filename="../desktop/tiaki/ui/unlock.py" line="43"/>
        <source>Unlock Tiaki</source>
        <translation type="unfinished">Wewete i a Tiaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="45"/>
        <source>Tiaki is locked. Enter your passphrase to open the client records.</source>
        <translation type="unfinished">Kua rakaina a Tiaki. Tāurutia tō kupuhipa hei whakatuwhera i ngā mauhanga kiritaki.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="50"/>
        <source>Sign-in name</source>
        <translation type="unfinished">Ingoa takiuru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="51"/>
        <source>&amp;Sign-in name:</source>
        <translation type="unfinished">&amp;Ingoa takiuru:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="56"/>
        <source>Passphrase</source>
        <translation>Kupuhipa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="57"/>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished">&amp;Kupuhipa:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="62"/>
        <source>Unlock message</source>
        <translation type="unfinished">Karere wewete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="65"/>
        <source>&amp;Forgot passphrase?</source>
        <translation type="unfinished">Kua wa&amp;reware te kupuhipa?</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="67"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished">&amp;Wewete</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="102"/>
        <source>Enter your passphrase.</source>
        <translation type="unfinished">Tāurutia tō kupuhipa.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="109"/>
        <source>Unlocking…</source>
        <translation type="unfinished">E wewete ana…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="135"/>
        <source>That sign-in name or passphrase is not right. Try again.</source>
        <translation type="unfinished">Kāore i tika taua ingoa takiuru, kupuhipa rānei. Whakamātau anō.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="153"/>
        <source>You can try again now.</source>
        <translation type="unfinished">Ka taea e koe te whakamātau anō ināianei.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/unlock.py" line="158"/>
        <source>Too many failed attempts. Try again in {seconds} seconds.</source>
        <translation type="unfinished">He maha rawa ngā whakamātau i rahua. Whakamātau anō ā muri i ngā hēkona e {seconds}.</translation>
    </message>
</context>
<context>
    <name>VerifyLogRun</name>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="24"/>
        <source>The audit log is intact: {entries} entries checked, {checkpoints} signed checkpoint(s) match.</source>
        <translation type="unfinished">Kei te tōtika te rārangi arotake: ngā tāurunga {entries} kua manatokona, ngā tohu hainatia {checkpoints} e ōrite ana.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="28"/>
        <source>The audit log has been altered. The first bad entry: {problem}. Tell your privacy officer; do not change anything else.</source>
        <translation type="unfinished">Kua whakarerekētia te rārangi arotake. Te tāurunga hē tuatahi: {problem}. Whakamōhiotia tō āpiha matatapu; kaua e panoni i tētahi atu mea.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="33"/>
        <source>The log could not be checked: {problem}</source>
        <translation type="unfinished">Kāore i taea te manatoko i te rārangi: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="61"/>
        <source>Checking every entry of the audit log…</source>
        <translation type="unfinished">E tirotiro ana i ia tāurunga o te rārangi arotake…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="61"/>
        <source>Cancel</source>
        <translation>Whakakore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="63"/>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="99"/>
        <source>Verify log</source>
        <translation type="unfinished">Manatoko rārangi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="64"/>
        <source>Verifying the audit log</source>
        <translation type="unfinished">E manatoko ana i te rārangi arotake</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_log.py" line="100"/>
        <source>Audit log result</source>
        <translation type="unfinished">Te hua o te rārangi arotake</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="56"/>
        <source>Check that no entry of this device&apos;s audit log has been changed, removed or added since it was written, and that the log still matches its signed checkpoints.</source>
        <translation type="unfinished">Tirohia kāore tētahi tāurunga o te rārangi arotake o tēnei pūrere i whakarerekētia, i tangohia, i tāpirihia rānei mai i te wā i tuhia ai, ā, e hāngai tonu ana te rārangi ki ōna tohu hainatia.</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="61"/>
        <source>Verify &amp;log</source>
        <translation type="unfinished">Manatoko &amp;rārangi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="63"/>
        <source>S&amp;top</source>
        <translation type="unfinished">Whaka&amp;mutu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="68"/>
        <source>Verification progress</source>
        <translation type="unfinished">Te ahu whakamua o te manatoko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="76"/>
        <source>Verification result</source>
        <translation type="unfinished">Te hua o te manatoko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="79"/>
        <source>&amp;Signed checkpoints:</source>
        <translation type="unfinished">Ngā &amp;tohu hainatia:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="82"/>
        <source>Sequence</source>
        <translation type="unfinished">Raupapa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="82"/>
        <source>Signed at</source>
        <translation type="unfinished">Wā hainatia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="83"/>
        <source>Signing key fingerprint</source>
        <translation type="unfinished">Tapumati kī haina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="83"/>
        <source>Key</source>
        <translation>Kī</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="84"/>
        <source>Signed checkpoints</source>
        <translation type="unfinished">Ngā tohu hainatia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="99"/>
        <source>Signed checkpoints: {problem}</source>
        <translation type="unfinished">Ngā tohu hainatia: {problem}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="106"/>
        <source>This device&apos;s key</source>
        <translation type="unfinished">Te kī o tēnei pūrere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="106"/>
        <source>Another key (not this device&apos;s)</source>
        <translation type="unfinished">He kī kē (ehara i tō tēnei pūrere)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="109"/>
        <source>&amp;Signed checkpoints ({count}), newest first:</source>
        <translation type="unfinished">Ngā &amp;tohu hainatia ({count}), ko te hou rawa i te tuatahi:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="129"/>
        <source>Checking every entry of the audit log…</source>
        <translation type="unfinished">E tirotiro ana i ia tāurunga o te rārangi arotake…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/verify_panel.py" line="167"/>
        <source>Verification stopped before the end; nothing was concluded.</source>
        <translation type="unfinished">I mutu te manatoko i mua i te mutunga; kāore he whakatau i puta.</translation>
    </message>
</context>
<context>
    <name>WithdrawConsentDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="194"/>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="195"/>
        <source>Withdraw consent</source>
        <translation type="unfinished">Unu i te whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="198"/>
        <source>Withdraw this consent now? From now on it no longer allows sharing. It stays in the client&apos;s history; nothing already shared is recalled.

{summary}</source>
        <translation type="unfinished">Me unu tēnei whakaaetanga ināianei? Mai i tēnei wā, kāore e whakaaetia te tiritiri. Ka noho tonu ki te hītori o te kiritaki; kāore e tangohia mai ngā mea kua tiria kē.

{summary}</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="205"/>
        <source>Reason for withdrawing (optional)</source>
        <translation type="unfinished">Te pūtake o te unu (kōwhiringa noa)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="207"/>
        <source>&amp;Reason (optional):</source>
        <translation type="unfinished">Te &amp;pūtake (kōwhiringa noa):</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="210"/>
        <source>Problem withdrawing</source>
        <translation type="unfinished">Hapa i te unu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="213"/>
        <source>&amp;Withdraw consent</source>
        <translation type="unfinished">&amp;Unu i te whakaaetanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/consent_dialogs.py" line="224"/>
        <source>Not withdrawn: {problem}</source>
        <translation type="unfinished">Kāore i unuhia: {problem}</translation>
    </message>
</context>
<context>
    <name>WorkersDialog</name>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="49"/>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="50"/>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="56"/>
        <source>Workers</source>
        <translation>Ngā kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="55"/>
        <source>Sign-in name</source>
        <translation type="unfinished">Ingoa takiuru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="55"/>
        <source>Display name</source>
        <translation type="unfinished">Ingoa whakaatu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="55"/>
        <source>Role</source>
        <translation type="unfinished">Tūranga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="55"/>
        <source>Active</source>
        <translation type="unfinished">Hohe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="68"/>
        <source>Role for the selected worker</source>
        <translation type="unfinished">Te tūranga mō te kaimahi kua tīpakohia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="69"/>
        <source>&amp;Role:</source>
        <translation type="unfinished">&amp;Tūranga:</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="71"/>
        <source>&amp;Change role</source>
        <translation type="unfinished">&amp;Huri tūranga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="79"/>
        <source>&amp;Add worker…</source>
        <translation type="unfinished">Tāpiri kai&amp;mahi…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="81"/>
        <source>&amp;Reset passphrase…</source>
        <translation type="unfinished">Tautuhi &amp;anō i te kupuhipa…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="83"/>
        <source>&amp;Deactivate…</source>
        <translation type="unfinished">&amp;Whakaweto…</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="103"/>
        <source>Yes</source>
        <translation>Āe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="103"/>
        <source>No (cannot sign in)</source>
        <translation type="unfinished">Kāo (e kore e taea te takiuru)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="159"/>
        <source>Deactivate worker</source>
        <translation type="unfinished">Whakaweto kaimahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/workers_dialog.py" line="160"/>
        <source>{name} will no longer be able to sign in. Their records and history stay. Continue?</source>
        <translation type="unfinished">E kore e taea e {name} te takiuru anō. Ka noho tonu ōna mauhanga me tōna hītori. Me haere tonu?</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="13"/>
        <source>Identity</source>
        <translation>Tuakiri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="14"/>
        <source>Contact</source>
        <translation type="unfinished">Whakapā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="15"/>
        <source>Whānau and household</source>
        <translation type="unfinished">Whānau me te kāinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="16"/>
        <source>Ethnicity and iwi affiliation</source>
        <translation type="unfinished">Mātāwaka me te hononga ā-iwi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="17"/>
        <source>Health and disability</source>
        <translation type="unfinished">Hauora me te hauātanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="18"/>
        <source>Income and benefits</source>
        <translation type="unfinished">Moni whiwhi me ngā moni āwhina</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="19"/>
        <source>Employment</source>
        <translation>Mahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="20"/>
        <source>Living arrangements</source>
        <translation type="unfinished">Ngā āhuatanga noho</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="21"/>
        <source>Safety concerns</source>
        <translation>Ngā āwangawanga haumaru</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="22"/>
        <source>Case notes</source>
        <translation>Ngā tuhipoka take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="23"/>
        <source>Given name</source>
        <translation>Ingoa tuatahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="24"/>
        <source>Family name</source>
        <translation>Ingoa whānau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="25"/>
        <source>Preferred name</source>
        <translation>Ingoa karanga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="26"/>
        <source>Date of birth</source>
        <translation>Rā whānau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="27"/>
        <source>Gender</source>
        <translation>Ira</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="28"/>
        <source>Female</source>
        <translation>Wahine</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="29"/>
        <source>Male</source>
        <translation>Tāne</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="30"/>
        <source>Another gender</source>
        <translation type="unfinished">Tētahi atu ira</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="31"/>
        <source>Prefers not to say</source>
        <translation type="unfinished">Kāore e pīrangi ki te kī</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="32"/>
        <source>NHI number</source>
        <translation>Nama NHI</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="33"/>
        <source>Another agency&apos;s identifier, stored as a field: three letters then four characters, e.g. ZZZ0016</source>
        <translation type="unfinished">He tautuhi nō tētahi atu tari, ka penapenatia hei āpure: e toru ngā pū, kātahi e whā ngā tohu, hei tauira, ZZZ0016</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="34"/>
        <source>MSD client number</source>
        <translation>Nama kiritaki MSD</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="35"/>
        <source>Another agency&apos;s identifier, stored as a field: 6 to 9 digits</source>
        <translation type="unfinished">He tautuhi nō tētahi atu tari, ka penapenatia hei āpure: e 6 ki te 9 ngā mati</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="36"/>
        <source>Phone</source>
        <translation>Waea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="37"/>
        <source>Email</source>
        <translation>Īmēra</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="38"/>
        <source>Address</source>
        <translation>Wāhitau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="39"/>
        <source>Region</source>
        <translation>Rohe</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="40"/>
        <source>Northland</source>
        <translation>Te Tai Tokerau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="41"/>
        <source>Auckland</source>
        <translation>Tāmaki Makaurau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="42"/>
        <source>Waikato</source>
        <translation>Waikato</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="43"/>
        <source>Bay of Plenty</source>
        <translation type="unfinished">Te Moana-a-Toi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="44"/>
        <source>Gisborne / Tairāwhiti</source>
        <translation>Te Tairāwhiti</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="45"/>
        <source>Hawke&apos;s Bay</source>
        <translation>Te Matau-a-Māui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="46"/>
        <source>Taranaki</source>
        <translation>Taranaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="47"/>
        <source>Manawatū-Whanganui</source>
        <translation>Manawatū-Whanganui</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="48"/>
        <source>Wellington</source>
        <translation>Te Whanganui-a-Tara</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="49"/>
        <source>Tasman</source>
        <translation type="unfinished">Te Tai-o-Aorere</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="50"/>
        <source>Nelson</source>
        <translation>Whakatū</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="51"/>
        <source>Marlborough</source>
        <translation type="unfinished">Te Tauihu-o-te-waka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="52"/>
        <source>West Coast</source>
        <translation>Te Tai Poutini</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="53"/>
        <source>Canterbury</source>
        <translation>Waitaha</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="54"/>
        <source>Otago</source>
        <translation>Ōtākou</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="55"/>
        <source>Southland</source>
        <translation>Murihiku</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="56"/>
        <source>Chatham Islands</source>
        <translation type="unfinished">Wharekauri</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="57"/>
        <source>Whānau and household members</source>
        <translation>Ngā mema o te whānau me te kāinga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="58"/>
        <source>Number of dependent children</source>
        <translation>Te maha o ngā tamariki whakawhirinaki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="59"/>
        <source>Ethnicity</source>
        <translation>Mātāwaka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="60"/>
        <source>New Zealand European</source>
        <translation type="unfinished">Pākehā</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="61"/>
        <source>Māori</source>
        <translation>Māori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="62"/>
        <source>Samoan</source>
        <translation>Hāmoa</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="63"/>
        <source>Cook Islands Māori</source>
        <translation type="unfinished">Māori Kuki Airani</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="64"/>
        <source>Tongan</source>
        <translation>Tonga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="65"/>
        <source>Niuean</source>
        <translation>Niue</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="66"/>
        <source>Chinese</source>
        <translation>Hainamana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="67"/>
        <source>Indian</source>
        <translation>Īnia</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="68"/>
        <source>Other ethnicity</source>
        <translation type="unfinished">Tētahi atu mātāwaka</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="69"/>
        <source>Iwi affiliation</source>
        <translation>Hononga ā-iwi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="70"/>
        <source>Health conditions</source>
        <translation>Ngā āhuatanga hauora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="71"/>
        <source>Disability and support needs</source>
        <translation>Hauātanga me ngā hiahia tautoko</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="72"/>
        <source>Main benefit</source>
        <translation>Te moni āwhina matua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="73"/>
        <source>None</source>
        <translation>Kore</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="74"/>
        <source>Jobseeker Support</source>
        <translation type="unfinished">Tautoko Kaiwhai Mahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="75"/>
        <source>Sole Parent Support</source>
        <translation type="unfinished">Tautoko Mātua Takitahi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="76"/>
        <source>Supported Living Payment</source>
        <translation type="unfinished">Utu Tautoko Noho</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="77"/>
        <source>NZ Superannuation</source>
        <translation type="unfinished">Penihana Kaumātua</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="78"/>
        <source>Other</source>
        <translation type="unfinished">Tētahi atu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="79"/>
        <source>Weekly household income (NZD)</source>
        <translation>Moni whiwhi ā-wiki o te kāinga (NZD)</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="80"/>
        <source>Employed full-time</source>
        <translation type="unfinished">He mahi wā-kikī</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="81"/>
        <source>Employed part-time</source>
        <translation type="unfinished">He mahi wā-poto</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="82"/>
        <source>Seeking work</source>
        <translation type="unfinished">E kimi mahi ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="83"/>
        <source>Studying</source>
        <translation type="unfinished">E ako ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="84"/>
        <source>Full-time carer</source>
        <translation type="unfinished">Kaitiaki wā-kikī</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="85"/>
        <source>Not in paid work</source>
        <translation type="unfinished">Kāore he mahi utu</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="86"/>
        <source>Living arrangement</source>
        <translation>Āhuatanga noho</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="87"/>
        <source>Own home</source>
        <translation type="unfinished">Tōna ake whare</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="88"/>
        <source>Renting</source>
        <translation type="unfinished">E rēti ana</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="89"/>
        <source>Social housing</source>
        <translation type="unfinished">Whare pāpori</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="90"/>
        <source>Staying with whānau</source>
        <translation type="unfinished">E noho ana me te whānau</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="91"/>
        <source>Emergency housing</source>
        <translation type="unfinished">Whare ohotata</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/catalogue_strings.py" line="92"/>
        <source>No fixed abode</source>
        <translation type="unfinished">Kāore he kāinga pūmau</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="55"/>
        <source>en</source>
        <translation>mi</translation>
    </message>
</context>
<context>
    <name>purposes</name>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="42"/>
        <source>Case management</source>
        <translation>Whakahaere take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="43"/>
        <source>Referral</source>
        <translation>Tuku ki tētahi atu ratonga</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="44"/>
        <source>Housing support</source>
        <translation>Tautoko whare</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="45"/>
        <source>Income support</source>
        <translation>Tautoko moni whiwhi</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="46"/>
        <source>Health coordination</source>
        <translation>Whakarite hauora</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="47"/>
        <source>Child wellbeing</source>
        <translation>Te oranga o ngā tamariki</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="48"/>
        <source>Helpline contact</source>
        <translation>Whakapā ki te ratonga āwhina ā-waea</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="49"/>
        <source>Service reporting</source>
        <translation>Pūrongo ratonga</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="33"/>
        <source>Caseworker</source>
        <translation type="unfinished">Kaimahi take</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="34"/>
        <source>Coordinator</source>
        <translation type="unfinished">Kaiwhakarite</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="35"/>
        <source>Supervisor</source>
        <translation type="unfinished">Kaitirotiro</translation>
    </message>
    <message>
        <location filename="../desktop/tiaki/ui/labels.py" line="36"/>
        <source>Privacy officer</source>
        <translation type="unfinished">Āpiha matatapu</translation>
    </message>
</context>
</TS>

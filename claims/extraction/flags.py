"""Warnings for the reviewer about a claim's sentence.

`missing_entity`: some scrapers keep the text around a hyperlink but drop the
link text, which was usually a name. The sentence then cannot say who did what,
so its claims need a human look. A dropped name leaves shapes that the language
does not otherwise make, found here by word class rather than by word:

- punctuation after a space (`bertemu dengan .`, `Delegasi , yang`, `Kepala , ,`,
  `ungkap .`), empty brackets, `’s` with no owner;
- a preposition that takes a noun phrase followed by another function word or a
  verb (`kepada dalam`, `by on Monday`), a transitive verb with no object before a
  preposition or full stop (`membutuhkan untuk`, `told on Monday`);
- a clause with no subject: `bahwa` followed by an active verb (`bahwa telah
  menunda`), a sentence or a dateline followed by a lower-case word (`. harus
  hadir`, `TRIBUNNEWS.COM - dan`), a title with a verb and no name (`Mr. said`);
- a possessed noun with no possessor before a preposition (`peran dalam`) and
  contrasting verbs with no subjects (`menyetujuinya, tetapi menolaknya`);
- half a pair or a title (`lewat /Hendra`, `Journal of menunjukkan`, `judul & Her`),
  a name before an age (`adalah (33)`), a source with no name (`dilansir.`).

`gap_offsets` says where each gap is: the offset where the dropped name stood.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .scanning import finditer

MISSING_ENTITY = "missing_entity"


def _words(block: str) -> str:
    """A regex alternation of the words of a block, longest first."""
    return "|".join(sorted(set(block.split()), key=lambda w: (-len(w), w)))


def _set(block: str) -> frozenset[str]:
    return frozenset(block.split())


# -- word classes ------------------------------------------------------------------------------

# Indonesian prepositions that need a noun phrase after them (never a verb or a clause).
_ID_NP_PREPOSITIONS = _words("kepada oleh terhadap bagi di ke pada dari menuju melawan dengan menurut")
# Words that cannot open that noun phrase: prepositions, conjunctions, auxiliaries.
_ID_FUNCTION_WORDS = _words(
    "dan atau serta untuk pada dengan oleh kepada terhadap bahwa telah akan sudah harus tidak di ke dari "
    "tentang mengenai sebagai dalam pun adalah merupakan melalui yang sendiri sejak selaku agar senilai bukan ini kini "
    "juga hanya hingga sehingga namun tetapi masih bisa mampu berhasil pernah sedang tersebut secara terkait "
    "setelah sebelum dapat selama jika bila apabila kalau terbilang tapi yaitu yakni seharga selain sebesar "
    "sebanyak"
)
# After these the next word may be a locative noun (`di dalam`, `ke luar`) or part of a compound.
_ID_COMPOUNDS = {
    "di": {"dalam"},
    "ke": {"dalam"},
    "pada": {"dengan", "yang"},
    "oleh": {"karena", "yang"},
    "dari": {"dalam", "pada", "yang", "sebelum", "setelah", "hanya"},
    "kepada": {"yang"},
    "menuju": {"ke"},
    "bagi": {"yang"},
    "menurut": {"yang", "dia", "sebagian"},
    "dengan": _set("yang tidak dengan sebelum setelah secara masih hanya juga mampu berhasil bisa"),
}
_ID_AUXILIARIES = _words(
    "telah akan sudah sedang masih harus tidak tak belum juga pun segera terus tetap sempat bisa dapat perlu "
    "ingin mau hanya baru kembali lebih langsung"
)
# Words that, like auxiliaries, come between a subject and its verb (`Tapi berhasil membayar`).
_ID_MORE_AUXILIARIES = _words("berhasil lantas pernah mampu gagal sukses sebetulnya sebenarnya justru")
# Verbs that take no object: an opening clause may leave them a number for subject (`Pada Mei, meningkat 5 persen`).
_ID_INTRANSITIVE = _set("meningkat menurun melonjak merosot melemah menguat membaik memburuk mencapai")
# Words that look like me-/ber- verbs but are nouns, pronouns, prepositions or conjunctions.
_NOT_VERBS = (
    _set(
        """
    mereka memang melalui menurut menurutnya mendatang meski meskipun menjelang mengenai merupakan menjadi
    menteri menit meja merah media medis merek meter metode mesin mental mentah menu menara mei
    melainkan melihat mengingat menimbang menyusul berdasarkan berkat bersama berbagai beberapa berikut
    berikutnya berita berat beras beruang berarti berupa bersih bermacam berkali-kali beragam mengapa
    berkas beranda berlian beringin
    """
    )
    | _ID_INTRANSITIVE
)
# me-...-kan / me-...-i forms that are adjectives or take no object.
_ID_NOT_TRANSITIVE = _set(
    """
    membanggakan mengecewakan menyenangkan mengkhawatirkan memprihatinkan menjanjikan mengagumkan
    membingungkan menegangkan menakutkan mengejutkan mengesankan memuaskan menguntungkan merugikan melelahkan
    menyedihkan memalukan mencengangkan meyakinkan menggembirakan mencurigakan mematikan menyakitkan
    membosankan mengerikan mengasyikkan menjengkelkan menggemaskan melegakan memilukan mengharukan
    melahirkan melanjutkan melainkan memutuskan memfokuskan memungkinkan menjadi mengenai melalui mengerti
    menanti menari menyanyi mendaki menepi memberi membeli mencari menakjubkan mengagetkan memukau
    mengungsi meliputi mencukupi
    """
)
# Cue verbs: their object is a clause that may come after a recipient or a place.
_ID_CUE_VERBS = _set(
    """
    mengatakan menyatakan menyebutkan menegaskan menekankan menjelaskan menerangkan mengungkapkan menuturkan
    menyampaikan menambahkan mengakui mengumumkan melaporkan menilai mengharapkan menginginkan memastikan
    mengingatkan memperingatkan menyarankan mengusulkan menanyakan menginformasikan mengajarkan menceritakan
    mengabarkan mengimbau menghimbau membenarkan memaparkan mengemukakan mengutarakan membeberkan
    """
)
_ID_TRANSITIVE_I = _words("menemui mendatangi menghadiri mengunjungi menyetujui mengikuti mewakili menyaingi")
_ID_TRAILING_CUES = _words(
    "kata ujar ucap tutur ungkap jelas tambah imbuh tegas papar lanjut sebut tandas terang tutup pungkas sambung timpal"
)
_EN_CUES = _words("says said sings told added wrote asked explained continued insisted noted argued")
_ID_OPENERS = _words(
    "Jika Kalau Apabila Bila Saat Ketika Sebelum Setelah Sesudah Sekitar Selain Meski Meskipun Walaupun Namun "
    "Sementara Sebelumnya Kemudian Usai Seusai Dalam Pada Lalu Akhirnya Sejak Selama Berbeda Di Jelang Menjelang "
    "Seiring Karena Demi Melalui Lewat Dari Terlepas"
)
# Offices named with what they head (`Kepala BNPB`, `Juru Bicara Kemenlu`): not a subject alone.
_ID_NEEDS_COMPLEMENT = _words(
    "Kepala Ketua Direktur Wakil Sekretaris Komisaris Pimpinan pimpinan Anggota Presiden Menteri Gubernur Bupati "
    "Walikota Sekjen Dirut Kapolda Kapolri Kapolres Kapolsek Panglima Kapten Pelatih Jaksa Hakim Dubes Pak Bu Sir"
) + (r"|Juru\ Bicara|Kuasa\ Hukum|Presiden\ Direktur")
# Nouns that name who coaches or made something (`skuat asuhan Mourinho`, `film garapan Hanung`).
_ID_BY_NOUNS = _words("asuhan besutan garapan racikan binaan")
_ID_DEGREE = _set("sangat cukup lebih paling begitu amat agak kurang terlalu makin semakin kian")
# Nouns read with a possessor (`peran Rusia`, `posisi teguh Rusia`) before a preposition.
_ID_POSSESSED = _words("peran peranan posisi sikap komitmen kontribusi keterlibatan kehadiran")

_EN_NP_PREPOSITIONS = _words("by of from with between against toward towards upon among amongst")
_EN_FUNCTION_WORDS = _words(
    "and or but on in at to for of by with during after before was is has had will across throughout"
)
_EN_IDIOMS = {"from": {"to", "across"}, "with": {"in"}, "of": {"at"}}
_EN_TRANSITIVE = _words(
    """
    told thanked urged accused praised criticized criticised defeated interviewed congratulated blamed sued
    appointed nominated endorsed quoted informed reminded assured persuaded convinced condemned visited
    """
)
_EN_SUBJECTS = r"(?:he|she|they|we|you|i|it|the|a|an|this|that|his|her|their|not|be|have)\b"
_EN_PASSIVE = _set("was were is are be been being get got gets getting")
_EN_TITLES = _words("Mr Mrs Ms Dr Sen Rep Gov Gen Prof Lt Col Sgt Capt Adm Supt Insp")
# Words before a full stop that are abbreviations, so a lower-case word may follow.
_ABBREVIATIONS = _set(
    """
    corp dept univ prof capt sept gov sen rep inc ltd bros assn natl intl est approx vs etc dll dkk dsb
    jl jln no tgl hlm kab kec kel prov ket sdr bpk
    """
)

# -- shapes -------------------------------------------------------------------------------------
# Each pattern has an empty group `at` where the name stood.

_SHARED = re.compile(
    r"""
      (?P<spaced>\ +)(?P<at>)[.,;)\]?!](?=\s|$|["”’')\],])          # `dengan .`, `Delegasi , yang`, `BTS, , sudah`
    | ["“](?<=\s["“])\ (?P<at10>)(?=[a-z])                          # `replied, " meant to`
    | @(?P<at11>)(?=[.,]|$)                                          # `@.`
    | /(?<=\w/)(?:(?P<at12>)[.,]|\ (?P<at9>)(?=\S)|(?P<at18>)\))       # `Getty/.`, `Lembaga/ untuk`, `ZG/)`
    | /(?<=[\w(]\ /)(?P<at17>)(?=[\w(])                              # `lewat /Hendra`
    | \ (?<=\.\ )\ *(?P<at2>)[,;](?=\s)                               # `Sen. , D-Ill.`
    | \((?P<at3>)\)                                            # `Middle East Monitor ()`
    | ['"“‘](?<![^\s(]['"“‘])\ ?(?P<at6>)['"”’](?=[\s,.;:)!?]|$)    # `film ' ' itu`, `lagu ‘’`
    | \[\ ?(?P<at15>)\] | \(\ (?P<at16>)\)                            # `[ ]`, `( )`
    | ,\ (?P<at8>)[-–—]\ |,\ (?P<at13>)\(                           # `Jakarta, - -`, `(16 November), (19 November)`
    | (?P<colon>\ )(?P<at14>):\                                        # `Javier : Internazionale`
    | (?:\.(?:com|COM|id)|[A-Z]{3,})\ [-–—]+\ (?P<at4>)[a-z]   # `TRIBUNNEWS.COM - dan`
    | \b(?P<word>[^\W\d_]{4,}|[A-Z][a-z]{2}|\d+)\.\ +(?P<at5>)(?=[a-z]{2,}\b)  # `Gaza. harus hadir`
    """,
    re.VERBOSE,
)
_ID = re.compile(
    rf"""
      (?<!\w)(?:(?P<prep>{_ID_NP_PREPOSITIONS})\ (?P<at>)(?P<next>{_ID_FUNCTION_WORDS})\b    # `kepada dalam`
    | (?:kepada|oleh|terhadap|bagi|di|ke|pada|para)\ (?P<at2>)(?P<prep_verb>)
      (?=(?P<verb>(?:me|ber)[a-z]{{3,}})\b)                                       # `oleh menolak`, `ke mencapai`
    | para\ (?P<at9>)(?={_ID_FUNCTION_WORDS}|hanya|yang\b)                        # `dari para hanya`
    | (?:dengan|oleh|kepada|terhadap|antara|bersama|dari|untuk|tentang|mengenai)(?P<at3>)[.,;](?=\s|$)
    | (?:{_ID_NEEDS_COMPLEMENT})(?:\ (?:Umum|Utama|Jenderal|Harian))?\ (?P<at12>)(?:(?:{_ID_AUXILIARIES})\ )*
      (?=(?:untuk|dalam|saat|ketika|melalui|secara|pada)\b|(?P<verb4>me[a-z]{{3,}})\b)  # `Kepala menyebutkan`
    | (?:bernama|berjudul|bertajuk|berinisial|berjuluk|dijuluki|disapa|dinamai|dinamakan)\ (?P<at13>)
      (?=[(,.]|(?!lengkap|asli)[a-z])
    | (?:dari|kepada|oleh|dengan|di|ke|pada|terhadap|bersama|of|by|from|with)\ (?P<at14>)\(  # `dari (kategori`
    | (?:antara|tentang|dan|serta|atau)\ (?P<at25>)\((?=[A-Z])                # `dan (Emilia Clarke)`
    | (?:antara|dengan|bersama|serta)\ (?P<at22>)(?=dan\b) | \bdan\ (?P<at23>)(?=serta\b)  # `antara dan`
    | \bantara\ (?P<at39>)(?=melawan\b) | \bdan\ (?P<at35>)(?=guna\b)         # `antara melawan`, `dan guna`
    | (?:adalah|yakni|yaitu|dan|serta|atau|tersangka|korban|pelaku)\ (?P<at37>)\(\d{{1,3}}\)  # `adalah (33)`
    | (?:di\ mana|dimana)\ (?P<at38>)(?:(?:{_ID_AUXILIARIES})\ )*
      (?=(?P<verb7>(?:me|ber)[a-z]{{3,}})\b)                                      # `di mana tetap mendominasi`
    | (?:dilansir|dikutip|dilaporkan|melansir|mengutip|disiarkan)(?P<at36>)[.;](?=\s|$)  # `dilansir.`
    | (?P<at34>)[&+](?<=[a-z]\ [&+])\ ?(?=[A-Z])                                         # `judul & Her Dead Petz`
    | (?P<half>[A-Z][a-z]+)\ -\ (?P<at24>)
      (?=(?P<verb5>me[a-z]{{3,}})\b|(?:juga|yang|untuk|dapat|akan|pun|tidak|sudah|telah|berhasil)\b)
                                                                                  # `Choupo - mencetak`
    | (?:dan|bagi|dari|oleh|kepada|dengan|untuk|atau|serta|tentang|terhadap|melawan|yakni|yaitu|antara|pada|melalui
      |lewat|vs|versus|kontra)\ (?P<at16>)(?=[-–]\ |/|vs\b)                   # `bagi - mencoba`, `lewat /Hendra`
    | (?:{_ID_BY_NOUNS})\ (?P<at17>)(?=(?:me|ber|di)[a-z]{{3,}}\b|(?:{_ID_FUNCTION_WORDS}|saja|juga|pun)\b|[.,])
    | karya\ (?P<at19>)(?=(?:saja|juga|pun)\b|[.,])                            # `buku Highest Duty karya saja`
    | (?!dengan\b)(?:{_ID_NP_PREPOSITIONS})\ (?P<at18>)(?=di[a-z]{{3,}}kan\b)  # `sedangkan dari diharapkan`
    | asal\ (?P<at20>)(?=(?:tersebut|ini|itu)\b|[.,])                          # `klub asal tersebut`
    | (?:tajuk|judul|julukan)\ (?P<at21>)(?=(?:dan|di|pada|untuk)\b|[.,])      # `diberi tajuk dan`
    | (?:milik|kepunyaan)\ (?P<at15>)(?=(?:{_ID_FUNCTION_WORDS}|melalui)\b|[.,;])  # `situs milik pada Jumat`
    | bahwa\ (?P<at32>)(?=(?:adalah|merupakan|bukanlah|dan|serta)\b)              # `bahwa merupakan`
    | membuat\ (?P<at33>)(?!membuat\b)(?=(?P<verb6>(?:me[mny]|ber)[a-z]{{3,}})\b)  # `membuat memimpin klasemen`
    | bahwa\ (?P<at4>)(?:(?:{_ID_AUXILIARIES})\ )*(?=(?P<verb2>(?:me|ber)[a-z]{{3,}})\b)  # `bahwa telah menunda`
    | (?P<tverb>me[a-z]{{3,}}(?:kan|[^aeiou]i)|{_ID_TRANSITIVE_I})\ ?(?P<at5>)
      (?:[.;](?=\s|$)|(?=(?:untuk|di|pada|mendatang|tersebut|sebagai|saat|sejak|ketika|setelah)\b))
                                                                                  # `membutuhkan untuk`
    | (?:{_ID_POSSESSED})(?:\ [a-z]+)?\ (?P<at6>)(?=dalam\ (?:me|ber)[a-z]{{3,}})  # `peran dalam mendukung`
    | me[a-z]+nya,\ (?:tetapi|namun|sedangkan)\ (?P<at7>)(?=me[a-z]+nya\b)      # `menyetujuinya, tetapi menolaknya`
    | di[a-z]{{3,}}\b[^.,;\n]*,\ (?:dan|tetapi)\ (?P<at8>)(?=me[a-z]+nya\b)  # `diusulkan ..., dan menyetujuinya`
    )
    | ["”]\ ?(?:{_ID_TRAILING_CUES})\ ?(?P<at10>)
      (?=(?:di|kepada|dalam|saat|pada|ketika|usai|seusai|melalui|yang|selaku|seperti|sambil|sembari|me[a-z]{{3,}})\b
      |[.,]|[-–]\ |$)                                                              # `" ucap memberikan`
    | \b(?P<at29>)of(?<=[a-z]\ of)\ (?=[A-Z])                                     # `televisi of Thrones`
    | \bof(?<=[a-z]\ of)\ (?P<at28>)
      (?=(?:(?:me|ber|di|ter)[a-z]{{3,}}|yang|dan|pada|untuk|dengan|ini|itu|tersebut|akan|telah|sudah)\b)
                                                                                  # `Journal of menunjukkan`
    | \bThe\ (?P<at30>)
      (?=[.,;:)\]’”]|(?:(?:me|ber|di)[a-z]{{3,}}|yang|dan|di|ke|ini|itu|tersebut|ia|justru|pada|untuk)\b)  # `The di`
    | \bthe\ (?P<at31>)(?=[(\[\]’”]|(?:milik|karya|yang|dan|ini|itu|tersebut)\b)  # `lagu Who Run the milik`
    | (?:Baca|BACA|Simak|SIMAK|Lihat|LIHAT)(?:\ (?:juga|JUGA))?\ ?:\ ?(?P<at27>)
      (?=[a-z:\-\]]|[\ \t]*(?:\n|$))                                             # `Baca juga: di`
    """,
    re.VERBOSE,
)
# Apart from _ID, which starts only at words: a shape that opens on a space would make every
# space a place to try all of _ID's shapes. On its own, its leading literal is quick to find.
_ID_SPACED_DASH = re.compile(
    r"""
    \ -\ (?<=\w\ -\ )(?P<at26>)(?=(?:dan|atau|serta|adalah|dapat|kini|belum|masing-masing)\b|[”"’](?=[\s.,]|$))
                                                                                  # `Sudrajat - dan`, `“Go - ”`
    """,
    re.VERBOSE,
)
_EN = re.compile(
    rf"""
      (?<!\w)(?:(?P<prep>{_EN_NP_PREPOSITIONS})\ (?P<at>)(?P<next>{_EN_FUNCTION_WORDS})\b   # `by on Monday`
    | (?P<tverb>{_EN_TRANSITIVE})\ ?(?P<at2>)
      (?:[.;](?=\s|$)|(?=,\ )|(?=(?:on|in|at|for|that|during|after|before|last|this)\b))  # `told on Monday`
    | (?:the|of|and|by|with|to|from|in)\ (?P<at3>)['’]s\b                                          # `the ’s decision`
    | according\ to(?P<at4>)[.,;]                                                # `according to,`
    | (?:{_EN_TITLES})\.\ +(?P<at5>)(?=[a-z]{{2,}}\b(?!\.))                            # `Mr. said`
    | (?<![Tt]he\ )former\ (?P<at16>)(?=(?:will|would|has|had|is|was|said|says|told|and)\b|[,.—])  # `former said`
    | (?P<prep2>in|on|at|to|for|about|into|onto)\ (?P<at19>)(?=(?:and|or|but|has|had|will|would|says|said)\b)
                                                                                  # `in and Ohio`
    | (?:said|says|suggested|suggests|argued|argues|stated|noted|notes|contended|claimed|claims|insisted|warned
      |afraid|reported|announced)\ that\ (?P<at20>)(?=(?:has|will|would)\b|—)      # `suggested that has`
    | (?:says|said)\ (?P<at17>)(?=[a-z]+ed\ (?:to|that|the|a|an|his|her|their)\b)   # `says promised to`
    | (?:says|said)\ (?P<at10>)(?=(?:is|was|has|had|will|would)\ (?:not\b|\w+ing\b|\w+ed\b))  # `says is lying`
    | (?:says|said)\ (?P<at21>)(?=(?:will|would|could|should|can|must|might)\ (?!be\b)[a-z]{{2,}}\b)
                                                                                  # `said will address`
    | (?:because|although|though|unless|after|before|since|while)\ (?P<at22>)
      (?=(?:wants|says|said|has|had|will|would|seems)\b)                          # `because wants to`
    | (?:how|why|whether|if|when|where)\ (?P<at11>)(?=(?:could|would|can|will|should)\ (?!{_EN_SUBJECTS})[a-z]+\b)
    | (?:at|of|by|from|with|for|and|the)\ (?P<at12>)&                           # `a partner at & Hartson`
    | (?:[Tt]he|[Aa]n?)\ (?P<at13>)
      (?=[a-z]+ed\ (?:the|a|an|that|this|his|her|their|its|them|him)\b)           # `the overruled that`
    | (?:for|of|from|with|by|to|at|about|against|on|in)\ (?P<at15>)
      (?=(?:says|said|has|will|would)\b|[—–]\ |”)                               # `A spokeswoman for says`
    )
    | [,.!?][”"]\ +(?P<at6>)(?:told\b|(?:{_EN_CUES})(?=\ ?[.,]|\ (?:to|on|in|at|during|after|before|when|while|that)\b))
    | ,\ (?P<at9>)(?:{_EN_CUES})(?=\.)                                            # `hurt him, said.`
    | ,\ (?P<at14>)(?=spokes(?:man|woman|person)\ (?:said|says|told)\b)
    | \b[A-Z](?<![Tt]he\ [A-Z])(?<!\b[Aa]\ [A-Z])[a-z]+\ (?:campaign\ spokes(?:man|woman|person)|Attorney|Secretary
      |Spokesman|Spokeswoman|Director|Chairman|Chairwoman|Commissioner)\ (?P<at23>)(?=(?:said|says|told|wrote|added)\b)
                                                                                  # `City Attorney said`
    | (?:^|(?<=\s))(?:[Tt]he|[Aa]n?)\ (?P<at7>)
      (?=(?:and|or|but|of|in|on|at|to|for|by|with|is|was|has|have|had|were|are|would|could|should|said|says|told|also)\b(?!-))
                                                                                  # `The and Government`
    """,
    re.VERBOSE,
)
_BY_LANGUAGE = {"id": (_ID, _ID_SPACED_DASH), "en": (_EN,)}
_OPENING = re.compile(
    rf"""
      [\"“‘']?\ ?(?P<at>)(?=[a-z]{{2,}}\b(?![.\w])|,)                            # `harus hadir ...`, `said on Monday`
    | (?:{_ID_OPENERS})\b(?:(?!yang\b)[^,."“\n]){{0,60}},                         # `Pada gim kedua, mencoba`
      (?:\ (?!(?:yang|katanya|ujarnya|tuturnya|jelasnya|menurutnya)\b)[a-z][^,."“\n]{{0,40}},)?  # `saat ..., pernah`
      \ (?P<at2>)(?:(?:{_ID_AUXILIARIES}|{_ID_MORE_AUXILIARIES})\ )*(?=(?P<verb>(?:me|ber)[a-z]{{3,}})\b)
    | (?:(?:Lebih\ lanjut|Selanjutnya),?|(?:Kemudian|Sebelumnya|Selain\ itu|Sementara\ itu|Namun|Tapi|Tetapi),)
      \ (?P<at3>)(?:(?:{_ID_AUXILIARIES})\ )*(?=(?P<verb2>me[a-z]{{3,}})\b)          # `Lebih lanjut menjelaskan`
    | (?:Saat|Kala|Sementara|Kini|Padahal|Sebelumnya|Namun|Tapi|Tetapi|Kemudian|Lalu|Akhirnya)(?:\ (?:ini|itu))?,?
      \ (?P<at7>)(?:{_ID_AUXILIARIES}|{_ID_MORE_AUXILIARIES})\ (?:(?:{_ID_AUXILIARIES})\ )*
      (?=(?P<verb3>(?:me|ber)[a-z]{{3,}})\b)                                      # `Saat ini telah melakukan`
    | (?P<at8>)\([A-Z][^()\n]{{1,30}}\)\ [-–—]                                    # `(ANTARA News) - Sekretaris`
    | (?P<at4>)['’]s\b | (?P<at9>)[-–]\ (?=[a-z]{{2,}}\b)                        # `- dan Ajax`
    | (?P<at5>)[.,;:!?]+(?=\s*$)                                                  # a sentence left with its full stop
    | (?:In|On|During|After|Before|At|Speaking|Earlier|Later|Last|Since|When|While|Asked|Writing|Appearing|Addressing
      |Responding|Following|Despite|Amid|Throughout)\b[^,.\n"“]{{0,60}},(?:\ [A-Z][^,.\n"“]{{0,30}},)?\ (?P<at6>)
      (?:\w+ly\ )?(?=(?:[a-z]\w*ed|said|told|made|took|gave|met|spoke|wrote|came|held|sent|won|lost|became|called|laid)
      \ (?:(?:a|an|the|that|his|her|their|its|it|out|on|up|he|she|they|we|what|how|why|whether)\b|[A-Z])
      |(?:has|had|will|would|is|was)\ (?:[a-z]\w*ed|been|not|also|said)\b)       # `In July, dismissed the`
    | (?:Now|But|And|So|Yet|However,|Meanwhile,|Still,)\ (?P<at10>)
      (?=(?:seems|says|said|has|had|wants|will|would|told)\b)                      # `Now seems to have vanished`
    """,
    re.VERBOSE,
)


def _at(m: re.Match) -> int | None:
    """Where the name stood, or None when the match is one of the shape's exceptions."""
    groups = m.groupdict()
    if groups.get("spaced") or groups.get("colon"):  # checked here, not by a look-behind at every position
        before = m.string[: m.start()]
        after_stop = before[-1:] == "." and m.string[m.start("at") : m.start("at") + 1] in ",;"  # `Sen. , D-Ill.`
        if not before or not (before[-1].isalpha() or before[-1] in "-–,;:" or after_stop) or before[-1] == "_":
            return None
        if groups.get("colon") and (not before[-1].isalpha() or before.endswith(("Baca", "Lihat", "Simak"))):
            return None
    word = (groups.get("word") or "").lower()
    if word and word in _ABBREVIATIONS:
        return None
    prep, following = groups.get("prep"), groups.get("next")
    if prep and following:
        compounds = _ID_COMPOUNDS.get(prep.lower(), set()) | _EN_IDIOMS.get(prep.lower(), set())
        if following.lower() in compounds or m.string.startswith(" large", m.end()):  # `by and large`
            return None
        if prep.lower() == "dari" and following.lower() == "dan" and m.string.startswith(" ke", m.end()):
            return None  # `dari dan ke`
    if groups.get("prep2") and m.string.startswith(_EN_PAIRED, m.end()):  # `in and out`, `to and from`
        return None
    if (groups.get("at34") is not None or groups.get("at29") is not None) and not _lower_word_before(
        m.string, m.start(), 2 if groups.get("at34") is not None else 3
    ):
        return None
    if groups.get("at28") is not None and not _CAPITALISED_WORD_END.search(
        m.string, max(0, m.start() - 41), m.start() - 1
    ):
        return None
    half = groups.get("half")
    if half and m.string.startswith(half.lower(), m.end()):  # `Menit - menit`
        return None
    for verb in (groups.get(k) for k in ("verb", "verb2", "verb3", "verb4", "verb5", "verb6", "verb7")):
        if not verb or groups.get("prep_verb") is not None and verb in _ID_INTRANSITIVE:  # `ke mencapai`
            continue
        if verb in _NOT_VERBS or verb.endswith("nya"):
            return None
    tverb = groups.get("tverb")
    if tverb:
        words = m.string[max(0, m.start() - 20) : m.start()].split()
        before = words[-1].lower() if words else ""  # `sangat mengecewakan`, `was told`
        if tverb in _ID_NOT_TRANSITIVE or tverb in _ID_CUE_VERBS or tverb in _NOT_VERBS:
            return None
        if before in _ID_DEGREE or before in _EN_PASSIVE:
            return None
    return next(m.start(k) for k, v in groups.items() if k.startswith("at") and v is not None)


# Pairs of prepositions read as one (`in and out`, `to and from`): no name went between them.
_EN_PAIRED = (
    "and out",
    "and around",
    "and from",
    "and off",
    "and against",
    "and after",
    "and back",
    "and of",
    "or out",
    "or near",
    "or around",
    "or from",
)


def _lower_word_before(text: str, at: int, shortest: int = 1) -> bool:
    """Whether a lower-case word (of `shortest` letters or more) and one space stand before `at`."""
    if at < 3 or text[at - 1] != " " or not text[at - 2].isalpha():
        return False
    word = _LOWER_WORD_END.search(text, max(0, at - 41), at - 1)
    return word is not None and len(word.group(0)) >= shortest


_LOWER_WORD_END = re.compile(r"(?<![\w-])[a-z][a-z-]*$")
_CAPITALISED_WORD_END = re.compile(r"\b[A-Z][a-z]+$")


def gap_offsets(text: str, start: int = 0, end: int | None = None, lang: str | None = None) -> tuple[int, ...]:
    """Return where names seem to have been dropped in text[start:end], in order.

    `lang` ("id", "en") skips the other language's shapes; None looks for both. The shapes
    inside sentences are looked for once in the whole text (the last text asked about is
    remembered), the opening of the span each time.
    """
    end = len(text) if end is None else end
    inside = _inside_gaps(text, lang)
    found = set(inside[bisect_left(inside, start) : bisect_right(inside, end)])
    opening = _OPENING.match(text, start, end)
    if opening and not _follows_abbreviation(text, start) and text[start - 1 : start] not in ("?", "!"):
        at = _at(opening)
        if at is not None:
            found.add(at)
    return tuple(sorted(found))


_last: tuple[str | None, str | None, list[int]] = (None, None, [])  # the text last scanned, its language, its gaps


def _inside_gaps(text: str, lang: str | None) -> list[int]:
    """The gaps the in-sentence shapes find anywhere in `text`, in order."""
    global _last
    last_text, last_lang, last_gaps = _last  # one read: another thread may replace it meanwhile
    if last_text is text and last_lang == lang:
        return last_gaps
    found = set()
    for pattern in (_SHARED, *_BY_LANGUAGE.get(lang, (_ID, _ID_SPACED_DASH, _EN))):
        for m in finditer(pattern, text):  # pattern.finditer's matches, skipping where none can start
            at = _at(m)
            if at is not None:
                found.add(at)
                if m.group(0) == "()" and _lower_word_before(text, m.start()):  # `wisatawan asal ()`: two names
                    found.add(m.start())
    gaps = sorted(found)
    _last = (text, lang, gaps)
    return gaps


def missing_entity(text: str, start: int = 0, end: int | None = None, lang: str | None = None) -> bool:
    """Return True when text[start:end] shows a gap where a name was dropped."""
    return bool(gap_offsets(text, start, end, lang))


def sentence_flags(text: str, start: int, end: int) -> tuple[str, ...]:
    """Return the flags a claim gets from the sentence it sits in."""
    return (MISSING_ENTITY,) if missing_entity(text, start, end) else ()


def _follows_abbreviation(text: str, start: int) -> bool:
    """`dkk. dan ...`: a splitter may start a sentence after an abbreviation's full stop."""
    before = text[max(0, start - 12) : start]
    if "\n" in before[len(before.rstrip()) :]:  # a new paragraph, not the abbreviation's sentence
        return False
    before = before.rstrip()
    m = re.search(r"(\w+)\.$", before)
    return bool(m) and (m.group(1).lower() in _ABBREVIATIONS or len(m.group(1)) <= 2)


_SLOT_FILLER = " ,\"“”'‘’"


def gap_before(text: str, gaps: tuple[int, ...], at: int) -> bool:
    """Whether a gap sits right before offset `at`, with only spaces, commas and quotes between."""
    return any(g <= at and not text[g:at].strip(_SLOT_FILLER) for g in gaps)


def gap_after(text: str, gaps: tuple[int, ...], at: int) -> bool:
    """Whether a gap sits right after offset `at` (`kata .`, `ujar kepada wartawan`)."""
    return any(g >= at and not text[at:g].strip(_SLOT_FILLER) for g in gaps)


def speaker_dropped(text: str, gaps: tuple[int, ...], cue_start: int, cue_end: int, named_before: bool) -> bool:
    """Whether the name that said the words at the cue seems to be the one a scraper dropped.

    The speaker's slot is next to the cue: before it (`, menyebutkan bahwa`, `. said on
    Monday`) or after it (`kata .`, `said .`). `named_before`: a speaker is named right
    before the cue, so a gap after it is something else. `gaps`: those of the sentence.
    """
    return gap_before(text, gaps, cue_start) or (not named_before and gap_after(text, gaps, cue_end))

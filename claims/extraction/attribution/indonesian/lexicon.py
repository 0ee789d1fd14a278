"""Indonesian word lists for attribution: cues, titles, connectors.

Kept apart from the rules so the lists can grow without touching the logic.
Everything is lower case; callers compare lower-cased words.
"""

from __future__ import annotations

import re

from ...calendar import MONTHS_ID, WEEKDAYS_ID


def word_set(block: str) -> frozenset[str]:
    """Return the lower-case words of a whitespace-separated block."""
    return frozenset(block.lower().split())


# Verbs that follow their speaker and introduce what is claimed:
# `X mengatakan (bahwa) C`, `X menegaskan, C`, `X berharap agar C`.
LEADING_CUES = word_set(
    """
    mengatakan berkata menyatakan menyebutkan menyebut menegaskan menekankan menggarisbawahi
    menjelaskan menerangkan memaparkan mengungkapkan mengungkap menuturkan menyampaikan menambahkan
    melanjutkan mengimbuhkan membenarkan mengakui mengaku mengklaim mengeklaim membantah menyangkal
    menampik menandaskan menukas mengemukakan mengutarakan membeberkan
    mengumumkan melaporkan menilai berpendapat menganggap meyakini yakin percaya
    optimistis optimis pesimistis pesimis khawatir mengkhawatirkan berharap mengharapkan menginginkan
    memastikan menjamin berjanji menjanjikan menargetkan memperkirakan memprediksi memprediksikan
    memproyeksikan menduga mengingatkan memperingatkan mengimbau menghimbau meminta mendesak
    menyarankan mengusulkan mengajak mendukung menyayangkan menyesalkan menyimpulkan mengklarifikasi
    bersikeras menuding menuduh mengeluhkan mengkritik mengecam menyoroti mengonfirmasi mengkonfirmasi
    berujar bertutur berucap menjawab mencatat menulis menyadari menyetujui
    mengharap mengatakannya menyebutnya menilainya menjelaskannya menceritakan bercerita mengisahkan
    mengabarkan menuturkannya mengimbuhkan menandaskan berpesan memperingatkan bilang
    """
)

# Cues that come after the claim (`"Q," kata X`, `C, ujarnya`), bare or with -nya.
TRAILING_CUES = word_set(
    """
    kata ujar ucap tutur tambah imbuh jelas terang tegas papar ungkap lanjut sambung pungkas tandas
    tukas sebut beber cetus seru kilah aku catat tulis timpal jawab klaim tutup urai bilang terangnya
    katanya ujarnya ucapnya tuturnya tambahnya imbuhnya jelasnya tegasnya paparnya ungkapnya
    lanjutnya sambungnya pungkasnya tandasnya tukasnya sebutnya bebernya cetusnya serunya kilahnya
    akunya catatnya tulisnya timpalnya jawabnya klaimnya tutupnya urainya bilangnya unggah unggahnya
    cuit cuitnya kicau kicaunya sindir sindirnya kenang kenangnya seloroh selorohnya kelakar kelakarnya
    canda candanya sergah sergahnya keluh keluhnya pinta pintanya harapnya bisik bisiknya tegur tegurnya
    demikian bunyi dikatakan diungkapkan disampaikan ditulis disimpulkan dijelaskan ditegaskan
    """
) | LEADING_CUES

# Trailing cues that are also ordinary words (`jelas` = clear, `aku` = I): only a cue
# when marked with -nya or followed by a speaker.
AMBIGUOUS_TRAILING = word_set(
    "jelas terang tegas lanjut aku tutup sebut tulis catat jawab klaim bilang seru urai kenang canda ingat"
)
# Cues that only follow a quotation (`"Q," demikian pernyataan Telkom`), never a plain comma.
QUOTE_ONLY_CUES = word_set(
    "demikian bunyi dikatakan diungkapkan disampaikan ditulis disimpulkan dijelaskan ditegaskan"
)
# After a quote, words that name the document or say it was said, before the speaker:
# `"Q," demikian pernyataan Telkom`, `"Q," bunyi keterangan istri Atim`, `"Q," disimpulkan para peneliti`.
SOURCE_NOUNS = word_set(
    """
    demikian bunyi isi pernyataan keterangan kicauan cuitan unggahan tulisan surat rilis siaran pers resmi
    tertulis oleh
    """
)

# Verbs that are also plain actions (`mencatat putaran terbaik`, `menyampaikan permohonan maaf`,
# `meminta keterangan`): a cue only when a clause follows (`bahwa`, `agar`, a comma, a colon, a quote).
NEEDS_CLAUSE = word_set(
    """
    mencatat melaporkan menulis menjawab menyampaikan meminta menjanjikan mendesak mengajak menuntut
    mengusulkan menyarankan menceritakan bercerita mengisahkan melanjutkan memastikan
    """
)

# Requests: `meminta TNI untuk segera memberikan keterangan` is a claim about what should happen.
REQUEST_CUES = word_set("meminta mendesak mengajak menuntut mengusulkan menyarankan mengimbau menghimbau")
# Verbs of record that an institution uses without `bahwa`: `BPS mencatat kunjungan turis turun 1,86 persen`.
RECORD_CUES = word_set("mencatat melaporkan")

# Cue words that are verbs of belief or wish rather than speech: need a clear subject.
STANCE_CUES = word_set(
    """
    yakin percaya optimistis optimis pesimistis pesimis khawatir berharap mengharapkan menginginkan
    mendukung menyayangkan menyesalkan meminta mendesak menyarankan mengusulkan mengajak menyetujui
    mengharap menilai menganggap meyakini menargetkan
    """
)

PRONOUNS = word_set("ia dia beliau dirinya pihaknya")
# Plural subjects: speakers in their own right, never what a later `ia` points back to.
GROUP_WORDS = word_set("keduanya ketiganya semuanya kedua-duanya")
PLURAL_PRONOUNS = word_set("mereka")
PRONOUN_SUFFIX = "nya"

# Words that, placed between speaker and cue, are not part of the speaker.
ADVERBS = word_set(
    """
    juga pun kembali hanya pula sendiri lantas lalu kemudian telah sudah sempat akhirnya lagi bahkan
    sebelumnya justru memang tetap sekali kini pernah masih turut ikut sebelumnya secara terpisah
    langsung terus selalu sering tak tidak belum segera malah pun sempat bahkan sendiri sangat resmi
    kerap acap jarang sedang tengah
    """
)
NEGATIONS = word_set("tidak tak belum bukan enggan")

# Prepositions that start a phrase between speaker and cue (`Bank Dunia dalam sebuah pernyataan`).
PREPOSITIONS = word_set(
    """
    dalam kepada pada saat ketika usai seusai selepas melalui lewat via di sebagai sewaktu sembari
    sambil seraya kala tatkala dari terhadap untuk atas dengan bersama menurut selaku
    """
)

# Words after which a cue is not a main verb (`dengan mengatakan`, `yang mengatakan`).
BLOCKERS = word_set(
    """
    dengan yang untuk dan atau akan bisa dapat ingin harus tidak tak belum bukan jangan sempat
    mau hendak perlu boleh mampu sanggup berani cenderung lebih adalah ialah merupakan agar supaya
    sebelum setelah sesudah tanpa karena ketika saat bila jika
    kalau apabila sambil seraya sembari usai seusai demi oleh para
    """
)

# Words that start a new clause inside the words before a cue: the speaker comes after the last one.
CLAUSE_BREAKS = word_set(
    """
    karena sehingga setelah sesudah sebelum ketika saat bahwa agar supaya jika bila kalau apabila
    merupakan adalah ialah namun tetapi tapi sedangkan sementara meski meskipun walau walaupun hingga
    """
)

# Sentence openers that are not speakers (`Sementara itu,`, `Namun`, `Di sisi lain,`).
CONNECTORS = word_set(
    """
    sementara namun tetapi tapi akan sedangkan lalu kemudian bahkan dan serta adapun kini sebelumnya
    selanjutnya akhirnya oleh selain terkait dengan lebih di pada dalam selama setelah sebelum sejak
    hingga menurut meski meskipun walau walaupun karena jika bila apabila kalau padahal justru terlebih
    apalagi untuk usai seusai atas sehingga maka pasalnya namun begitu sayangnya nah ya selain itu
    mengutip dikutip dilansir seperti sebagaimana berdasarkan saat ketika tak tidak bukan yang ini itu
    ada pun demikian
    """
)

# Phrases that name an intermediary rather than the speaker.
VIA_MARKERS = re.compile(
    r"\b(?:sebagaimana|seperti|sesuai|yang)?\s*(?:dilansir|dikutip|mengutip|melansir|diberitakan|dilaporkan)"
    r"(?:\s+(?:dari|oleh))?\s+",
    re.IGNORECASE,
)
OUTLET_WORDS = word_set(
    """
    kantor berita media stasiun televisi radio surat kabar harian majalah situs laman portal reuters
    afp ap antara xinhua bbc cnn novosti tass bloomberg kyodo yonhap ria sputnik aljazeera memo
    """
)

WEEKDAYS = frozenset(WEEKDAYS_ID)
MONTHS = frozenset(MONTHS_ID)
# Common nouns that open sentences in front of names (`Nama Armand Maulana kembali ...`).
COMMON_NOUNS = word_set(
    """
    nama lagu film album aksi kasus klub kabar berita kisah foto video laga duel gol kemenangan kekalahan
    penampilan karier musim acara konser program proyek produk layanan aplikasi fitur pasal ayat huruf bab
    """
)
NOT_SPEAKERS = WEEKDAYS | MONTHS | COMMON_NOUNS | word_set(
    """
    baca juga lihat simak video foto advertisement scroll tonton berita terkait editor
    hal ini itu tersebut kemarin hari ini besok lalu kamu anda kita kami saya aku
    """
)

# Titles and ranks that come before a person's name: stripped from the name, kept as an alias.
PERSON_TITLES = word_set(
    """
    komisioner profesor dokter
    pentolan rapper pembalap pemilik penggagas pencipta pemimpin pimpinan bos sosok tokoh figur legislator
    kader petinggi perwira prajurit juara pemenang personel presiden wakil ketua kepala menteri direktur
    sekretaris gubernur bupati walikota wali camat lurah kapolda kapolri kapolres kapolsek kapolresta
    wakapolri wakapolda kabid kabag kasat kasubdit kasubbag kadiv kapuspen dirut dirjen irjen brigjen kombes
    akbp akp iptu aiptu ipda ipti bripka brigadir jenderal mayjen letjen marsekal laksamana kolonel letkol
    mayor kapten pol ceo coo cfo cto founder co-founder pendiri manajer manager pelatih juru jubir anggota
    duta penasihat komisaris inspektur staf ahli pengamat analis ekonom pakar peneliti dosen rektor dekan
    hakim jaksa panglima danrem dandim pangdam kasad kasal kasau sekjen plt plh kadis menko wamen dubes
    mendagri menkeu mendikbud menpora menlu menhan menkes mentan menperin mendag menaker menhub menteri
    kabareskrim artis aktor aktris penyanyi pebalap pemain pebulu petinju pegolf desainer presenter komedian
    sutradara produser penulis pengacara kuasa hukum advokat warga pria wanita perempuan ibu bapak pak bu sang
    si mantan eks calon tersangka terdakwa saksi korban pelaku pemuda pemudi remaja bocah siswa siswi
    mahasiswa mahasiswi pengemudi sopir petugas pedagang nelayan petani buruh pengusaha pengunjung penumpang
    penonton pendukung suporter politikus politisi ustaz ustadz kiai kyai habib bicara dr prof ir drs dra h hj
    kh haji hajjah tuan nyonya mr mrs ms sir raja ratu pangeran perdana senator kanselir selebriti model
    pelantun peraih bintang pebasket pesepak bola pebulutangkis atlet kapten striker kiper bek gelandang
    vokalis gitaris drummer pendakwah agung umum utama besar deputi asisten kepala kabiro karo kapus
    koordinator ketum waketum sekretaris bendahara chief engineer leader general manager gm officer executive
    head deputy senior partner director founder kandidat vp svp evp avp wapres menko kompol komjen aipda
    bripda briptu brigpol letda lettu serka serma sertu kopda praka pratu laksma laksda laksdya marsma marsda
    marsdya kasatreskrim kasatlantas kasubbid kanit kapuspenkum kapendam kadispen dirreskrimum dirreskrimsus
    dirlantas romo pastor uskup pendeta konsul kabag kasubag guru kurator legenda pelaksana spokesperson
    spokesman president chairman komandan danramil kapten wasekjen bendum kadin
    """
)
# Lower-case heads of a speaker phrase that name a body or a document: `kantor media pemerintah Gaza`.
BODY_HEADS = word_set(
    """
    kantor pihak pemerintah kementerian juru badan lembaga laporan data hasil survei studi penelitian
    situs media harian surat tim klub kubu kelompok warga pejabat otoritas komisi panitia polisi
    kepolisian militer tentara pasukan partai perusahaan manajemen keluarga pengacara kuasa saksi
    sumber pengamat analis para sejumlah beberapa banyak ratusan ribuan puluhan dinas pemprov pemkot
    pemkab dewan majelis pengadilan kejaksaan kedutaan organisasi asosiasi serikat aliansi koalisi
    perseroan emiten manajemen istri suami ayah kakek nenek putra putri ibunda ayahanda pasangan
    anak adik kakak kerabat teman sahabat rekan kekasih pacar
    """
)
# Nouns for documents, which speak only when pointed at: `Pernyataan tersebut mengatakan`.
DOCUMENT_HEADS = word_set(
    """
    pernyataan surat dokumen rilis keterangan laporan data hasil studi survei penelitian riset putusan
    """
)

# Capitalised words of offices and institutions: a name does not run across them.
ORG_WORDS = word_set(
    """
    kementerian kemenkeu badan dinas kantor lembaga komisi dewan pemerintah pemprov pemkot pemkab
    provinsi kabupaten kota daerah nasional republik indonesia negara negeri luar dalam pusat umum
    jawa barat timur tengah utara selatan tenggara laut sumatera kalimantan sulawesi papua bali nusa
    polda polres polri polsek polresta mabes tni bidang divisi bagian seksi humas informasi keamanan
    pertahanan keuangan kesehatan pendidikan kebudayaan agama hukum perhubungan pertanian perdagangan
    perindustrian sosial tenaga kerja agraria tata ruang lingkungan hidup kehutanan energi sumber daya
    mineral pariwisata komunikasi informatika pemuda olahraga koperasi usaha kecil menengah riset
    teknologi kelautan perikanan pekerjaan perumahan rakyat desa pembangunan perencanaan investasi
    metro jaya raya dki bank partai fraksi universitas institut sekolah rumah sakit perusahaan pt tbk
    persero grup group asosiasi federasi persatuan ikatan himpunan gerakan front majelis mahkamah
    pengadilan kejaksaan kepolisian tentara angkatan darat udara staf operasi satuan tugas satgas
    polisi militer kedutaan konsulat perserikatan bangsa-bangsa uni eropa amerika serikat inggris
    rusia china tiongkok jepang korea india australia arab saudi mesir iran irak suriah turki israel
    palestina malaysia singapura thailand filipina vietnam myanmar kamboja prancis perancis jerman
    italia spanyol belanda kanada brasil meksiko afrika asia eropa timur-tengah dunia internasional
    pemilu umum penyelenggara kehormatan konstitusi perwakilan legislasi anggaran keamanan tinggi
    kepala eksekutif direksi komisaris operasional pemasaran marketing bisnis pengembangan division
    corporation company inc ltd motor holding kemaritiman perekonomian politik koordinator bidang
    pembangunan manusia sekretariat kabinet istana kepresidenan gerindra golkar demokrat nasdem hanura
    perindo berkarya
    jakarta surabaya bandung medan semarang makassar palembang yogyakarta jogja bogor depok bekasi
    tangerang solo surakarta malang denpasar padang pekanbaru batam pontianak banjarmasin samarinda
    balikpapan manado kupang mataram ambon jayapura aceh riau jambi bengkulu lampung banten gorontalo
    maluku ntt ntb diy sumut sumsel sumbar jabar jateng jatim kaltim kalbar kalsel kalteng sulsel sulut
    swedia norwegia denmark finlandia portugal argentina kolombia chile uruguay belgia swiss austria
    polandia ukraina yunani kroasia serbia nigeria ghana kamerun senegal pakistan bangladesh afghanistan
    qatar uea kuwait yordania lebanon libya tunisia aljazair maroko sudan ethiopia kenya korut korsel
    taiwan hongkong brunei laos selandia skotlandia wales irlandia venezuela peru kuba
    """
)
# Words after which the next capitalised word is a place, not the start of a name.
PLACE_HEADS = word_set("dki kota kabupaten kab provinsi prov kecamatan kec desa kelurahan daerah wilayah")

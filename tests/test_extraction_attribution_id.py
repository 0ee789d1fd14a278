"""Indonesian attribution patterns, on tiny inline articles and the seed article."""

from __future__ import annotations

from pathlib import Path

from claims.extraction.attribution.indonesian import find_attributions
from claims.extraction.attribution.indonesian.memory import SpeakerMemory

SEED = Path(__file__).resolve().parent / "fixtures" / "tribunnews-hamas-rusia.txt"


def claims(text):
    return [(text[a.start : a.end], a.speaker, a.kind) for a in find_attributions(text)]


def only(text):
    found = find_attributions(text)
    assert len(found) == 1, claims(text)
    return found[0]


def content(text, a):
    return text[a.start : a.end]


def test_subject_cue_bahwa_clause():
    text = "Hamas juga menekankan bahwa mereka menyambut baik perjanjian gencatan senjata."
    a = only(text)
    assert content(text, a) == "mereka menyambut baik perjanjian gencatan senjata"
    assert a.speaker == "Hamas"
    assert a.kind == "indirect"
    assert text[a.cue_start : a.cue_end] == "menekankan"
    assert (a.sentence_start, a.sentence_end) == (0, len(text))


def test_title_is_stripped_and_kept_as_alias():
    text = "Ketua MPR Zulkifli Hasan mengatakan, aturan itu harus adil."
    a = only(text)
    assert a.speaker == "Zulkifli Hasan"
    assert "Ketua MPR Zulkifli Hasan" in a.speaker_aliases
    assert content(text, a) == "aturan itu harus adil"
    assert text[a.speaker_start : a.speaker_end] == "Ketua MPR Zulkifli Hasan"


def test_police_ranks_and_places_are_not_part_of_the_name():
    text = (
        "Kepala Divisi Humas Polri Irjen Pol Boy Rafli Amar mengatakan sidang ditunda. "
        "Gubernur DKI Jakarta Djarot Saiful Hidayat menilai kinerja PPSU masih bagus."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Boy Rafli Amar", "Djarot Saiful Hidayat"]


def test_direct_quote_then_cue_and_speaker():
    text = '"Polres Bogor telah mengamankan 20 orang," ujar Yusri saat dihubungi, Jumat (13/1).'
    a = only(text)
    assert content(text, a) == "Polres Bogor telah mengamankan 20 orang"
    assert (a.speaker, a.kind, a.cue) == ("Yusri", "direct", "ujar")


def test_multi_sentence_quote_is_one_claim():
    text = '"Kami meminta semuanya tenang. Dewan Keamanan sudah bertindak," ucap Nebenzia.'
    a = only(text)
    assert content(text, a) == "Kami meminta semuanya tenang. Dewan Keamanan sudah bertindak"


def test_menurut_x_then_clause():
    text = "Menurut Khatibul, rencana pemerintah itu tidak memiliki landasan yuridis."
    a = only(text)
    assert content(text, a) == "rencana pemerintah itu tidak memiliki landasan yuridis"
    assert (a.speaker, a.cue) == ("Khatibul", "menurut")


def test_clause_then_comma_cue():
    text = "Sebanyak 15 polisi disiagakan di markas GMBI, kata Kapolres Bogor AKBP Andi Sutrisno."
    a = only(text)
    assert content(text, a) == "Sebanyak 15 polisi disiagakan di markas GMBI"
    assert a.speaker == "Andi Sutrisno"


def test_cue_in_the_middle_keeps_both_halves():
    text = "Kepala Dinas Budi Santoso mengatakan anggaran cukup. Program tersebut, katanya, sebagai model nasional."
    found = find_attributions(text)
    assert content(text, found[1]) == "Program tersebut, katanya, sebagai model nasional"
    assert found[1].speaker == "Budi Santoso"


def test_connector_before_a_middle_cue_is_left_out():
    text = "Yusri Yunus mengatakan polisi berjaga. Namun, kata dia, jumlah polisi tidak sebanding dengan massa."
    assert content(text, find_attributions(text)[1]) == "jumlah polisi tidak sebanding dengan massa"


def test_pronoun_and_nya_cues_resolve_to_the_latest_person():
    text = (
        "Menteri Kelautan dan Perikanan Susi Pudjiastuti mengatakan laut harus dijaga. "
        'Ia mengatakan kapal asing akan ditenggelamkan. "Harus dijaga," tegasnya.'
    )
    assert [a.speaker for a in find_attributions(text)] == ["Susi Pudjiastuti"] * 3


def test_short_name_resolves_to_the_full_name_used_earlier():
    text = (
        "Delegasi yang dipimpin oleh Mousa Abu Marzouk tiba di Moskow. "
        "Abu Marzouk menekankan pentingnya peran Rusia. Marzouk juga mengatakan bahwa bantuan tertunda."
    )
    found = find_attributions(text)
    assert [a.speaker for a in found] == ["Mousa Abu Marzouk", "Mousa Abu Marzouk"]
    assert "Abu Marzouk" in found[0].speaker_aliases


def test_pronoun_points_to_a_person_not_an_office():
    text = (
        "Boy Rafli Amar mengatakan sidang ditunda. Polda Metro Jaya menyarankan agar sidang ditunda. "
        '"Itu hanya saran saja," ujarnya.'
    )
    assert find_attributions(text)[-1].speaker == "Boy Rafli Amar"


def test_description_with_ini_points_back_to_the_person():
    text = (
        "Peringatan Hari Kartini disambut antusias oleh artis Tina Toon. "
        "Mantan penyanyi cilik ini mengatakan, perempuan Indonesia sudah setara. "
        '"Perempuan sering mendapat kekerasan," papar artis bertubuh seksi ini.'
    )
    assert [a.speaker for a in find_attributions(text)] == ["Tina Toon", "Tina Toon"]


def test_appositive_speaker():
    text = "Duta Besar Rusia untuk PBB, Vassily Nebenzia, pun mengatakan bahwa rapat sudah digelar."
    a = only(text)
    assert a.speaker == "Vassily Nebenzia"
    assert "Duta Besar Rusia untuk PBB" in a.speaker_aliases


def test_description_after_a_name_is_an_alias():
    text = "Sementara itu, Bogdanov, utusan khusus Putin, menegaskan kembali posisi Rusia mendukung Palestina."
    a = only(text)
    assert a.speaker == "Bogdanov"
    assert content(text, a) == "posisi Rusia mendukung Palestina"


def test_intermediary_goes_to_via():
    text = (
        "Abu Marzouk mengatakan kepada kantor berita Novosti bahwa kunjungan itu atas undangan resmi. "
        '"Kami butuh Rusia dalam rekonstruksi Gaza," imbuhnya, menurut Middle East Monitor (MEMO). '
        '"Kami bernegosiasi dengan China," ujar Tun, sebagaimana dilansir Reuters, Rabu (6/9).'
    )
    found = find_attributions(text)
    assert [a.via for a in found] == ["kantor berita Novosti", "Middle East Monitor (MEMO)", "Reuters"]
    assert found[0].speaker == "Abu Marzouk"
    assert content(text, found[0]) == "kunjungan itu atas undangan resmi"


def test_words_between_speaker_and_cue():
    text = "Anton (43), mengatakan jalan itu rusak. Onodera, kepada para wartawan mengatakan rapat batal."
    assert [a.speaker for a in find_attributions(text)] == ["Anton", "Onodera"]


def test_two_bahwa_clauses_are_two_claims():
    text = "Kim mengatakan pada Selasa bahwa ia menerima penugasan itu, dan bahwa ia berkomitmen bekerja sama."
    assert [c for c, _s, _k in claims(text)] == ["ia menerima penugasan itu", "ia berkomitmen bekerja sama"]


def test_subject_elided_after_a_quote_claim():
    text = (
        '"Para direktur memuji kepemimpinannya," kata Bank Dunia dalam pernyataan, '
        "menambahkan bahwa masa jabatan dimulai Juli."
    )
    found = find_attributions(text)
    assert [(a.speaker, a.kind) for a in found] == [("Bank Dunia", "direct"), ("Bank Dunia", "indirect")]
    assert content(text, found[1]) == "masa jabatan dimulai Juli"


def test_dropped_name_gives_no_speaker_and_a_flag():
    text = "Mengutip pernyataan , menyebutkan bahwa kedua pihak membahas pelanggaran."
    a = only(text)
    assert a.speaker is None
    assert "missing_entity" in a.flags
    assert content(text, a) == "kedua pihak membahas pelanggaran"


def test_no_claims_from_weekdays_labels_questions_or_generic_advice():
    text = (
        "Baca juga: Setya Novanto mengatakan kisruh taksi harus selesai\n"
        "Gunakan strategi dengan mengatakan bahwa pendapat kamu tidak sempurna.\n"
        "Bila kamu pemalu, bagaimana orang lain akan percaya bahwa ide itu baik?\n"
        "Rusia Tetap Dukung Palestina\n"
    )
    assert claims(text) == []


def test_question_quotes_are_not_claims():
    text = 'Kesha mengatakan lagu itu selesai. "Apakah saya sudah mati?" ucapnya mengawali video.'
    assert len(find_attributions(text)) == 1


def test_quote_without_cue_continues_the_latest_speaker():
    text = '"Tantangan ke depan masih besar," kata Jim Yong Kim.\n"Kita perlu bekerja lebih erat dengan mitra."'
    found = find_attributions(text)
    assert [(a.speaker, a.cue) for a in found] == [("Jim Yong Kim", "kata"), ("Jim Yong Kim", None)]


def test_bare_title_resolves_to_the_speaker_who_holds_it():
    text = (
        "Kapolres Ogan Komering Ulu AKBP Leo Andi Gunawan mengatakan dua tersangka ditangkap. "
        "Kapolres menjelaskan kedua tersangka tertangkap basah."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Leo Andi Gunawan"] * 2


def test_passive_with_agent():
    text = "Rencana pemotongan zakat sebelumnya disebutkan oleh Menteri Agama Lukman Hakim Saifuddin."
    a = only(text)
    assert a.speaker == "Lukman Hakim Saifuddin"
    assert content(text, a) == "Rencana pemotongan zakat"


def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    found = find_attributions(text)
    by_content = {content(text, a): a for a in found}
    gap = by_content["kedua pihak juga membahas mengenai isu-isu seperti pelanggaran yang terus dilakukan oleh pasukan"]
    assert gap.speaker is None and "missing_entity" in gap.flags
    office = by_content["telah menunda pengiriman pasokan tempat berlindung dan bahan bakar ke Gaza"]
    assert office.speaker == "kantor media pemerintah Gaza"
    assert by_content["posisi teguh dalam mendukung hak-hak Palestina"].speaker == "Mikhail Bogdanov"
    quote = next(a for a in found if a.kind == "direct")
    assert content(text, quote).startswith("Kami memiliki banyak topik")
    assert content(text, quote).endswith("sangat penting bagi kami")
    assert quote.via == "Middle East Monitor (MEMO)"
    speakers = {None, "kantor media pemerintah Gaza", "Mousa Abu Marzouk", "Mikhail Bogdanov", "Hamas"}
    assert {a.speaker for a in found} == speakers
    for a in found:
        assert a.sentence_start <= min(a.start, a.cue_start) and max(a.end, a.cue_end) <= a.sentence_end


def test_speaker_memory_resolves_short_names():
    memory = SpeakerMemory()
    memory.remember_name(0, "Mousa Abu Marzouk")
    assert memory.resolve("Marzouk", at=50).name == "Mousa Abu Marzouk"
    assert memory.repeat_last(person=True).name == "Mousa Abu Marzouk"
    memory.resolve("Polda Metro Jaya", person=False)
    assert memory.repeat_last().name == "Polda Metro Jaya"
    assert memory.repeat_last(person=True).name == "Mousa Abu Marzouk"


def test_speaker_memory_full_name_is_the_latest_before_the_point():
    memory = SpeakerMemory()
    memory.remember_name(10, "Budi Santoso")
    memory.remember_name(90, "Raden Prabowo Argo Yuwono")
    memory.remember_name(200, "Agus Santoso")
    assert memory.full_name("Santoso", before=150) == "Budi Santoso"
    assert memory.full_name("Santoso", before=300) == "Agus Santoso"
    assert memory.full_name("Santoso") == "Agus Santoso"
    assert memory.full_name("Santoso", before=5) is None
    assert memory.full_name("Raden Prabowo") == "Raden Prabowo Argo Yuwono"
    assert memory.full_name("Argo") == "Raden Prabowo Argo Yuwono"  # a middle name
    assert memory.full_name("Budi Santoso") is None  # not a longer name
    assert memory.full_name("") is None


def test_hal_itu_disampaikan_points_back_to_the_sentence_before():
    text = (
        "Pemerintah akan menaikkan harga BBM bulan depan. "
        "Hal itu disampaikan Menteri ESDM Ignasius Jonan di Jakarta, Senin (3/4)."
    )
    a = only(text)
    assert a.speaker == "Ignasius Jonan"
    assert content(text, a) == "Pemerintah akan menaikkan harga BBM bulan depan"
    assert (a.sentence_start, a.sentence_end) == (0, len(text))


def test_quote_that_lost_its_opening_mark_still_counts():
    text = 'Oleh karena itu, kami kembali mengevaluasi program itu," ujar Ahman Sya.'
    a = only(text)
    assert content(text, a) == "Oleh karena itu, kami kembali mengevaluasi program itu"
    assert (a.speaker, a.kind) == ("Ahman Sya", "direct")


def test_menurutnya_inside_a_clause():
    text = (
        "Menteri Pendidikan Muhadjir Effendy mengatakan sekolah lima hari akan diterapkan. "
        "Kebijakan itu menurutnya adalah bagian dari penguatan pendidikan karakter."
    )
    second = find_attributions(text)[1]
    assert content(text, second) == "Kebijakan itu menurutnya adalah bagian dari penguatan pendidikan karakter"
    assert second.speaker == "Muhadjir Effendy"


def test_relative_clause_and_dates_between_speaker_and_cue():
    text = (
        "Khamfai, yang dilahirkan di Provinsi Sisaket, mengatakan ia mulai belajar membersihkan ranjau. "
        "Gubernur Bengkulu Rohidin Mersyah di Bengkulu, Selasa, menyebutkan, lahan sudah tersedia."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Khamfai", "Rohidin Mersyah"]


def test_odd_inputs_do_not_break_the_reader():
    for text in ("", " ", '"', "“", ",", "kata", '"," kata', "Menurut", "menurutnya", "Hal itu disampaikan oleh"):
        for a in find_attributions(text):
            assert 0 <= a.start < a.end <= len(text)


def test_name_after_the_office_and_a_comma():
    text = '"Kami baru menerima laporan," kata Direktur Rumah Kita Bahari Langkat, Azhar Kasim, di Langkat.'
    a = only(text)
    assert a.speaker == "Azhar Kasim"
    assert "Direktur Rumah Kita Bahari Langkat" in a.speaker_aliases


def test_a_word_the_article_uses_alone_is_not_part_of_the_name():
    text = (
        "Pelatih Madrid Zinedine Zidane memuji anak asuhnya. Kemenangan itu penting bagi Madrid. "
        '"Ini kemenangan penting," kata Zidane.'
    )
    assert find_attributions(text)[0].speaker == "Zinedine Zidane"


def test_new_subject_after_dan():
    text = "Ia memiliki ambisi besar untuk musim depan dan Schneiderlin menyebut timnya ingin finis di zona Eropa."
    assert only(text).speaker == "Schneiderlin"


def test_plural_pronoun_points_to_the_latest_speaker():
    text = 'Foo Fighters menulis bahwa konser ditunda. "Kami menyesal atas pembatalan ini," tulis mereka.'
    assert [a.speaker for a in find_attributions(text)] == ["Foo Fighters", "Foo Fighters"]


def test_second_quote_in_the_sentence_goes_with_the_same_speaker():
    text = '"Kami siap bertanding besok," kata Zidane, "dan semua pemain dalam kondisi bugar."'
    assert [(c, s) for c, s, _k in claims(text)] == [
        ("Kami siap bertanding besok", "Zidane"),
        ("dan semua pemain dalam kondisi bugar", "Zidane"),
    ]


def test_action_verbs_need_a_clause_to_be_cues():
    text = (
        "Pedrosa mencatat putaran terbaik 1 menit 59 detik. Telkom menyampaikan permohonan maaf kepada pelanggan. "
        "Khatibul meminta agar pemerintah fokus pada reformasi birokrasi."
    )
    assert [(c, s) for c, s, _k in claims(text)] == [("pemerintah fokus pada reformasi birokrasi", "Khatibul")]


def test_quote_credited_to_a_statement_or_in_the_passive():
    text = (
        '"Telkom saat ini melakukan recovery layanan transponder," demikian pernyataan resmi Telkom. '
        '"Populasi umat Islam masih jauh lebih kecil di Eropa," disimpulkan para peneliti. '
        '"Suami saya ingin pergi ke gunung itu," bunyi keterangan istri Atim.'
    )
    assert [a.speaker for a in find_attributions(text)] == ["Telkom", "para peneliti", "istri Atim"]


def test_name_after_a_description_and_a_comma():
    text = '"Malam ini untuk Carrie," kata penulis sekaligus sutradara The Last Jedi, Rian Johnson, saat itu.'
    assert only(text).speaker == "Rian Johnson"


def test_cue_and_speaker_opening_the_sentence():
    text = (
        "Dikatakan Ikhsan, dua peraturan tersebut memberi semangat kepada orang Betawi. "
        "Lanjut Gatot, dana dekonsentrasi tetap berada di bawah Kemenpora."
    )
    assert [(a.speaker, a.cue) for a in find_attributions(text)] == [("Ikhsan", "dikatakan"), ("Gatot", "lanjut")]


def test_menurut_after_karena_and_at_the_end():
    text = (
        "Tevez akan segera bergabung ke Boca karena menurut Paolini, kesepakatan akan diraih akhir pekan ini. "
        "Sutherland akan mendapat penghargaan Oscar menurut penyelenggara penghargaan pada Rabu."
    )
    found = find_attributions(text)
    assert [(content(text, a), a.speaker) for a in found] == [
        ("kesepakatan akan diraih akhir pekan ini", "Paolini"),
        ("Sutherland akan mendapat penghargaan Oscar", "penyelenggara penghargaan"),
    ]


def test_reporting_verb_followed_by_a_day_then_the_clause():
    text = "Dilansir Reuters, PBB melaporkan Jumat kemarin jika pengidap hepatitis mencapai 325 juta orang."
    a = only(text)
    assert (a.speaker, content(text, a)) == ("PBB", "pengidap hepatitis mencapai 325 juta orang")


def test_a_regulation_article_speaks_for_the_regulation_named_before():
    text = (
        "Tata cara zakat telah diatur melalui Peraturan Menteri Agama (PMA) No 52 Tahun 2014. "
        "Pada Pasal 26 ayat 1 disebutkan bahwa nisab zakat pendapatan senilai 653 kilogram gabah. "
        "Keputusan Trump ini disebut demi menguntungkan Amerika."
    )
    a = only(text)
    assert a.speaker == "Peraturan Menteri Agama (PMA) No 52 Tahun 2014"
    assert content(text, a) == "nisab zakat pendapatan senilai 653 kilogram gabah"


def test_paragraph_without_a_full_stop_is_still_read_but_headlines_are_not():
    text = (
        "Kepala BPS Suhariyanto mengatakan inflasi rendah.\n\n"
        "Menurut dia, harga cabai naik lima persen pekan ini\n\nHamas: Kami Butuh"
    )
    assert [c for c, _s, _k in claims(text)] == ["inflasi rendah", "harga cabai naik lima persen pekan ini"]


def test_cue_coordinated_with_an_earlier_verb_takes_its_subject():
    text = "Polisi menangkap dua pelaku di Bogor dan mengatakan keduanya warga setempat."
    a = only(text)
    assert (a.speaker, content(text, a)) == ("Polisi", "keduanya warga setempat")


def test_acronym_before_a_name_marks_an_office():
    text = "Komisioner KPU RI Pramono Ubaid Tanthowi berkata, 16 provinsi lain telah memulai penandatanganan."
    assert only(text).speaker == "Pramono Ubaid Tanthowi"


def test_description_goes_back_to_a_one_word_name_used_as_subject():
    text = (
        "Kaka dipastikan meninggalkan Orlando City pada Desember.\n"
        "Setelah Andrea Pirlo, Kaka Isyaratkan Pensiun\n"
        "Kepada awak media, Kaka menolak berkomentar soal pensiun.\n"
        '"Kontrak saya berakhir di ujung tahun ini," ungkap eks superstar AC Milan itu.'
    )
    assert [a.speaker for a in find_attributions(text)] == ["Kaka"]


def test_age_is_part_of_the_description():
    text = (
        "Pebalap Movistar Yamaha, Valentino Rossi, finis ketiga di Qatar. "
        "Namun, pebalap 38 tahun tersebut mengaku lebih fokus pada jumlah kemenangan."
    )
    assert only(text).speaker == "Valentino Rossi"


def test_place_and_date_between_speaker_and_cue():
    text = (
        "Deputi Sekjen PSSI Bidang Sepak Bola, Fanny Riawan, di Stadion Atang Sutresna, Cijantung, "
        "Kamis (6/4/2017), menjelaskan bahwa PSSI telah menerima surat terkait laga ini."
    )
    assert only(text).speaker == "Fanny Riawan"


def test_quote_paragraph_with_an_editor_tag_continues_the_speaker():
    text = '"Carrie ada di hati kita semua," kata Rian Johnson.\n\n"Aneh rasanya tidak ada dia malam ini." (end)'
    assert [a.speaker for a in find_attributions(text)] == ["Rian Johnson", "Rian Johnson"]


def test_menurut_with_a_description_after_the_name():
    text = "Menurut Eugenia Oviedo-Joekes, profesor di University of British Columbia, tindakan pemerintah sudah tepat."
    a = only(text)
    assert (a.speaker, content(text, a)) == ("Eugenia Oviedo-Joekes", "tindakan pemerintah sudah tepat")


def test_subject_with_a_relative_clause_or_an_adjective():
    text = (
        "Seorang pejabat Kementerian Kehakiman yang dikutip Reuters secara anonim, Rabu (9/8), "
        "mengatakan para penyidik telah ditugaskan. "
        "Namun pihak berwenang membantah bahwa pasukan keamanan melakukan pembakaran. "
        "Pernyataan tersebut juga mengatakan Judd dipinjam untuk dua proyek lain."
    )
    assert [a.speaker for a in find_attributions(text)] == [
        "pejabat Kementerian Kehakiman",
        "pihak berwenang",
        "Pernyataan tersebut",
    ]


def test_intermediary_named_at_the_start_of_the_sentence():
    text = "Dalam surat berita Lena Dunham, Kesha mengatakan bahwa Praying menjadi lagu perdananya."
    a = only(text)
    assert (a.speaker, a.via) == ("Kesha", "surat berita Lena Dunham")


def test_second_verb_of_the_same_speaker_after_dan():
    text = "Kementerian Unifikasi menyesalkan ancaman Korut dan menyatakan bahwa latihan militer itu rutin."
    assert [(c, s) for c, s, _k in claims(text)] == [
        ("ancaman Korut", "Kementerian Unifikasi"),
        ("latihan militer itu rutin", "Kementerian Unifikasi"),
    ]


def test_short_quoted_phrase_after_the_cue_is_not_the_whole_claim():
    text = 'Media pemerintah memperingatkan "serangan pertama" itu telah siap diarahkan ke pasukan AS.'
    a = only(text)
    assert (a.kind, content(text, a)) == ("indirect", '"serangan pertama" itu telah siap diarahkan ke pasukan AS')


def test_middle_name_resolves_to_the_full_name():
    text = (
        '"Ada tiga yang ditangkap," ujar Kabid Humas Polda Metro Jaya Kombes Raden Prabowo Argo Yuwono. '
        "Argo mengatakan pelaku ditangkap pada Selasa."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Raden Prabowo Argo Yuwono"] * 2


def test_requests_and_records():
    text = (
        "Anggota Komisi I DPR RI, Elnino Husein Mohi meminta TNI untuk segera memberikan keterangan. "
        "Badan Pusat Statistik (BPS) mencatat kunjungan turis mancanegara turun 1,86 persen. "
        "Pedrosa mencatat putaran terbaik 1 menit 59 detik."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Elnino Husein Mohi", "Badan Pusat Statistik"]


def test_quote_that_ends_with_a_question_after_statements_counts():
    text = '"Mereka akan membicarakan saya. Jadi mengapa tidak? Inikah yang saya rasakan?" tambah Selena Gomez.'
    assert only(text).speaker == "Selena Gomez"


def test_village_head_keeps_the_whole_name():
    text = "Kepala Desa Budi Santoso hadir. Menurutnya tak semua korupsi dana desa harus masuk ke persidangan."
    a = only(text)
    assert (a.speaker, content(text, a)) == ("Budi Santoso", "tak semua korupsi dana desa harus masuk ke persidangan")


def test_office_joined_by_dan_runs_on_to_the_name():
    text = "“Kami fokus ke jualannya,” terang CEO dan Co-Founder Cashlez Teddy Setiawan."
    assert only(text).speaker.endswith("Teddy Setiawan")


def test_demikian_after_a_comma_is_not_a_cue():
    text = "Menurut Nita, demikian dia kerap disapa, timnya tidak mau menganggap remeh lawan."
    assert [(a.speaker, a.cue) for a in find_attributions(text)] == [("Nita", "menurut")]


def test_office_without_a_name_adding_something_is_the_latest_speaker():
    text = (
        "Ketua MPR Zulkifli Hasan menilai aturan itu harus adil. "
        "Ketua Umum PAN menambahkan bahwa hal ini harus diatur karena menyangkut mata pencaharian."
    )
    found = find_attributions(text)
    assert [a.speaker for a in found] == ["Zulkifli Hasan", "Zulkifli Hasan"]
    assert "Ketua Umum PAN" in found[1].speaker_aliases


def test_relative_clause_with_merupakan_after_the_name():
    text = (
        "Anggota Komisi II DPR dari Fraksi Partai Gerindra Sareh Wiyono yang merupakan mantan hakim "
        "membantah pernah memberikan uang kepada panitera."
    )
    assert only(text).speaker == "Sareh Wiyono"


def test_action_verbs_memastikan_and_melanjutkan_need_a_clause():
    text = (
        "Jonatan Christie memastikan tempat ke babak kedua. Jonatan melanjutkan keunggulan menjadi 19-17. "
        "Ketua DPR Bambang Soesatyo memastikan, dirinya akan terus menjalin hubungan baik dengan wartawan."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Bambang Soesatyo"]


def test_common_noun_opening_a_sentence_is_not_part_of_a_name():
    text = "Nama Armand Maulana kembali mencuat. Armand mengaku proyek solonya bukan tanda ia meninggalkan Gigi."
    assert only(text).speaker == "Armand Maulana"


def test_demikian_dikatakan_after_a_clause():
    text = "Frank de Boer dipecat setelah empat pertandingan, demikian dikatakan sumber Sky Sports."
    a = only(text)
    assert (a.speaker, content(text, a)) == ("sumber Sky Sports", "Frank de Boer dipecat setelah empat pertandingan")


def test_ia_after_a_new_person_opens_the_sentence_before():
    text = (
        "Kepala Polda Anton Charliyan mengatakan penyelidik bertanya 22 kali. "
        "Rizieq Shihab diperiksa sebagai terlapor kemarin. Ia mengaku siap hadir lagi. "
        '"Kalau dibutuhkan, saya siap datang," tuturnya.'
    )
    assert [a.speaker for a in find_attributions(text)] == ["Anton Charliyan", "Rizieq Shihab", "Rizieq Shihab"]


def test_katanya_after_a_connector_without_a_second_comma():
    text = (
        "Menteri Pertanian Andi Amran Sulaiman mengatakan ekspor naik. "
        "Namun, katanya beberapa negara belum dapat menerima daging ayam segar."
    )
    assert content(text, find_attributions(text)[1]) == "beberapa negara belum dapat menerima daging ayam segar"


def test_one_word_contents_are_not_claims():
    text = "Hanya saja, Moon percaya diri. “Jadi,” kata Dibben, “kegiatan kaum muda macam Pramuka masuk akal.”"
    assert [c for c, _s, _k in claims(text)] == ["kegiatan kaum muda macam Pramuka masuk akal"]

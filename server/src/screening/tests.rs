use super::*;

fn kinds(text: &str) -> Vec<(Kind, String)> {
    screen(text).into_iter().map(|f| (f.kind, f.text)).collect()
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text = "😀 Call 07700 900461 please";
    let findings = screen(text);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!((f.kind, f.start, f.end), (Kind::Phone, 7, 19));
    assert_eq!(
        text.chars()
            .skip(f.start)
            .take(f.end - f.start)
            .collect::<String>(),
        f.text
    );
}

/// What every caller relies on, for any text.
fn assert_well_formed(text: &str) {
    let findings = screen(text);
    let chars: Vec<char> = text.chars().collect();
    let length = chars.len();
    let mut last_end = 0;
    for f in &findings {
        assert!(
            f.start < f.end && f.end <= length,
            "{f:?} outside 0..{length}"
        );
        assert!(f.start >= last_end, "{f:?} overlaps or is out of order");
        let slice: String = chars[f.start..f.end].iter().collect();
        assert_eq!(slice, f.text);
        assert!((0.0..=1.0).contains(&f.confidence));
        last_end = f.end;
    }
    let redactions: Vec<Redaction<'_>> = findings
        .iter()
        .map(|f| Redaction {
            start: f.start,
            end: f.end,
            text: &f.text,
            replacement: &f.replacement,
        })
        .collect();
    assert!(redact(text, &redactions).is_ok());
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Story-like text: words of every script, numbers, punctuation, emoji, right-to-left
    /// marks, the characters detectors key on.
    fn storyish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[A-Za-z]{1,10}",
            "[A-Z][a-z]{1,8}('s)?",
            "[0-9]{1,6}",
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            "[ .,:;!?@/()'’–&+-]",
            "\\PC{1,4}",
            Just("\u{202e}".to_owned()),
            Just("مرحبا".to_owned()),
            Just("👨‍👩‍👧".to_owned()),
            Just("Mrs ".to_owned()),
            Just("St ".to_owned()),
            Just(" Primary School".to_owned()),
            Just("07700 ".to_owned()),
            Just("@".to_owned()),
            Just("www.".to_owned()),
            Just(".org".to_owned()),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_text_gives_well_formed_findings(text in "\\PC*") {
            assert_well_formed(&text);
        }

        #[test]
        fn story_like_text_gives_well_formed_findings(text in storyish()) {
            assert_well_formed(&text);
        }

        #[test]
        fn random_bytes_read_as_utf8_give_well_formed_findings(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            assert_well_formed(&String::from_utf8_lossy(&bytes));
        }

        /// Any valid NHS number, spaced or not, is found where it stands.
        #[test]
        fn every_valid_nhs_number_is_found(first in 100_000_000u32..999_999_999, spaced in any::<bool>()) {
            let digits: Vec<u8> = first.to_string().bytes().map(|b| b - b'0').collect();
            let sum: u32 = digits.iter().zip((2..=10u32).rev()).map(|(d, w)| u32::from(*d) * w).sum();
            let check = (11 - sum % 11) % 11;
            prop_assume!(check != 10);
            let all = format!("{first}{check}");
            let number = if spaced { format!("{} {} {}", &all[..3], &all[3..6], &all[6..]) } else { all };
            let text = format!("Her NHS number is {number}, as on the letter.");
            let findings = screen(&text);
            prop_assert!(findings.iter().any(|f| f.kind == Kind::Nhs && f.text == number), "{findings:?}");
        }

        /// UK mobile numbers in the spellings people use.
        #[test]
        fn mobile_numbers_are_found_however_written(rest in 100_000u32..999_999, style in 0usize..4) {
            let number = match style {
                0 => format!("07700 {rest}"),
                1 => format!("07700{rest}"),
                2 => format!("+44 7700 {rest}"),
                _ => format!("+44 (0)7700 {rest}"),
            };
            let text = format!("Call me on {number} after three.");
            let findings = screen(&text);
            prop_assert!(findings.iter().any(|f| f.kind == Kind::Phone && f.text == number), "{findings:?}");
        }

        #[test]
        fn full_postcodes_are_found(area in prop::sample::select(vec!["LS", "B", "M", "WF", "NE", "SW", "HU", "BD"]), district in 1u32..30, sector in 0u32..10, unit in "[ABD-HJLNP-UW-Z]{2}") {
            let postcode = format!("{area}{district} {sector}{unit}");
            let text = format!("We moved to {postcode} last year.");
            let findings = screen(&text);
            prop_assert!(findings.iter().any(|f| f.kind == Kind::Postcode && f.text == postcode), "{findings:?}");
        }

        #[test]
        fn email_addresses_are_found(local in "[a-z][a-z0-9._]{0,12}[a-z0-9]", domain in "[a-z]{2,10}") {
            let email = format!("{local}@{domain}.example.org");
            let text = format!("Write to {email}.");
            let findings = screen(&text);
            prop_assert!(findings.iter().any(|f| f.kind == Kind::Email && f.text == email), "{findings:?}");
        }
    }
}

#[test]
fn a_megabyte_of_story_gives_well_formed_findings() {
    let story = include_str!("../../data/screening-corpus/021-solicitor-email-chain.txt")
        .replace(['{', '}', '|'], " ");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&story);
        text.push_str(" مرحبا \u{202e} 👨‍👩‍👧 ");
    }
    assert_well_formed(&text);
}

#[test]
fn names_that_are_ordinary_words_are_judged_by_context() {
    let found = kinds(
        "We had some hope. Will you help? Grace was in Year 6 with my son Will, and Will's class teacher is lovely.",
    );
    let names: Vec<&str> = found
        .iter()
        .filter(|(k, _)| *k == Kind::Name)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(names, ["Will", "Will"], "{found:?}");
    let plain = kinds("I'll be frank, there was no joy and the rose bush died. Mark my words.");
    assert!(plain.is_empty(), "{plain:?}");
}

#[test]
fn titles_initials_and_lowercase_names_are_found() {
    let found = kinds("Met Dr R. Menon and mrs hughes, then K. Sandhu rang. jayden was upset.");
    let names: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        names,
        ["Dr R. Menon", "mrs hughes", "K. Sandhu", "jayden"],
        "{found:?}"
    );
}

#[test]
fn schools_and_their_short_forms_are_found() {
    let found = kinds(
        "She started at Oakwood Vale Primary School in Reception. Oakwood Vale never called us.",
    );
    assert_eq!(
        found,
        [
            (Kind::School, "Oakwood Vale Primary School".to_owned()),
            (Kind::School, "Oakwood Vale".to_owned())
        ]
    );
}

#[test]
fn redaction_refuses_findings_that_do_not_match() {
    let text = "Ring Maisie";
    let stale = [Redaction {
        start: 0,
        end: 4,
        text: "Maisie",
        replacement: "[name]",
    }];
    assert_eq!(
        redact(text, &stale),
        Err(RedactError::Mismatch { index: 0 })
    );
    let fine = [Redaction {
        start: 5,
        end: 11,
        text: "Maisie",
        replacement: "[name]",
    }];
    assert_eq!(redact(text, &fine).as_deref(), Ok("Ring [name]"));
}

fn found(text: &str) -> Vec<(Kind, String)> {
    super::screen(text)
        .into_iter()
        .map(|f| (f.kind, f.text))
        .collect()
}

#[test]
fn places_are_read_in_context() {
    let text = "We moved to a village near Ludlow. I was reading the report in the bath. \
                Anyone in Reading had an appeal? The review is in March.";
    assert_eq!(
        found(text),
        [
            (Kind::Place, "Ludlow".to_owned()),
            (Kind::Place, "Reading".to_owned())
        ]
    );
    // A place with a service after it is one organisation; a council's bare name acting
    // is the council.
    assert_eq!(
        found("hull city council and Stockport EPS, and Trafford are notorious"),
        [
            (Kind::Org, "hull city council".to_owned()),
            (Kind::Org, "Stockport EPS".to_owned()),
            (Kind::Org, "Trafford".to_owned())
        ]
    );
    // After a title, a place's name is a person's; a nation is no place.
    assert_eq!(
        found("Mrs Preston moved from Wales"),
        [(Kind::Name, "Mrs Preston".to_owned())]
    );
}

#[test]
fn forum_usernames_and_dates() {
    let text = "SENDmum2019 · Tue 04-Mar-25 21:14\nthanks tiredmama84, as u/throwaway_sendmum \
                said, see you tues 3rd or the 4th of june";
    assert_eq!(
        found(text),
        [
            (Kind::Handle, "SENDmum2019".to_owned()),
            (Kind::Date, "Tue 04-Mar-25".to_owned()),
            (Kind::Handle, "tiredmama84".to_owned()),
            (Kind::Handle, "u/throwaway_sendmum".to_owned()),
            (Kind::Date, "tues 3rd".to_owned()),
            (Kind::Date, "4th of june".to_owned()),
        ]
    );
    // Ages, school years and durations are no date or username.
    assert!(found("ds2 is in Y6, he's 10, it took 3 weeks and covid19 hit").is_empty());
}

#[test]
fn known_organisations_and_what_is_never_one() {
    assert_eq!(
        found("we saw someone at GOSH and IPSEA helped; the RUH was fine"),
        [
            (Kind::Org, "GOSH".to_owned()),
            (Kind::Org, "IPSEA".to_owned()),
            (Kind::Org, "RUH".to_owned())
        ]
    );
    let text =
        "He has Asperger's and Tourette syndrome; the DfE, Ofsted and the SENCo know. I CAN'T cope";
    assert_eq!(found(text), []);
}

#[test]
fn titled_public_figures_companies_and_defined_acronyms() {
    assert_eq!(
        found("I wrote to Rt Hon Sarah Whitcombe MP about Acorn Assessments Ltd."),
        [
            (Kind::Name, "Rt Hon Sarah Whitcombe MP".to_owned()),
            (Kind::Org, "Acorn Assessments Ltd".to_owned())
        ]
    );
    assert_eq!(
        found("I read Tales From The Sofa Fort (TFTSF), and we are under bch for neuro."),
        [
            (Kind::Org, "Tales From The Sofa Fort".to_owned()),
            (Kind::Org, "TFTSF".to_owned()),
            (Kind::Org, "bch".to_owned())
        ]
    );
    // A relation in title case is part of another name; an unknown acronym used as no
    // body's name is left alone.
    assert_eq!(found("A Child Protection plan. XYZQ is a new word."), []);
}

#[test]
fn short_forms_of_a_name_found_in_full() {
    assert_eq!(
        found("William starts in September. Will is nervous, and will need help."),
        [
            (Kind::Name, "William".to_owned()),
            (Kind::Name, "Will".to_owned())
        ]
    );
}

#[test]
fn councils_in_a_list_dates_with_ordinals_and_hospital_numbers() {
    assert_eq!(
        found("Sort of. Wolverhampton, Walsall and Dudley are all slow."),
        [
            (Kind::Org, "Wolverhampton".to_owned()),
            (Kind::Org, "Walsall".to_owned()),
            (Kind::Org, "Dudley".to_owned())
        ]
    );
    assert_eq!(
        found("on the 17th of march, Hosp No: AH4417729"),
        [
            (Kind::Date, "17th of march".to_owned()),
            (Kind::Ref, "AH4417729".to_owned())
        ]
    );
    // "march" without a day is a verb; "Oct 24" a month and year; "Tuesday 09:30" a time.
    assert_eq!(found("we march on. Since Oct 24, every Tuesday 09:30"), []);
}

#[test]
fn districts_missing_from_the_gazetteer() {
    assert_eq!(
        found("We're in Bow, near Mile End, and from Shoeburyness to Leigh-on-Sea."),
        [
            (Kind::Place, "Bow".to_owned()),
            (Kind::Place, "Mile End".to_owned()),
            (Kind::Place, "Shoeburyness".to_owned()),
            (Kind::Place, "Leigh-on-Sea".to_owned())
        ]
    );
    assert_eq!(found("he plays in Minecraft all day; it's in Makaton"), []);
}

#[test]
fn schools_typed_in_lower_case() {
    assert_eq!(
        found("he's at foredyke green primary. foredyke are great, not like the local primary"),
        [
            (Kind::School, "foredyke green primary".to_owned()),
            (Kind::School, "foredyke".to_owned())
        ]
    );
}

#[test]
fn parents_groups_councils_initials_and_trusts() {
    assert_eq!(
        found(
            "Thanet SEND Mums & Dads said CCC have lost it. The IWC SEND team and Somerset FT too."
        ),
        [
            (Kind::Org, "Thanet SEND Mums & Dads".to_owned()),
            (Kind::Org, "CCC".to_owned()),
            (Kind::Org, "IWC".to_owned()),
            (Kind::Org, "Somerset FT".to_owned())
        ]
    );
    // Numerals, and shouting, are no council.
    assert_eq!(found("Part IV of the plan. I AM SO TIRED OF THIS"), []);
}

#[test]
fn places_in_addresses_and_introductions_and_a_lower_case_sign_off() {
    assert_eq!(
        found(
            "Address: 7 Brookfield Crescent, Harold Hill, Romford, RM3 9XT\nKingstanding dad here. thanks all\ntash x"
        ),
        [
            (Kind::Address, "7 Brookfield Crescent".to_owned()),
            (Kind::Place, "Harold Hill".to_owned()),
            (Kind::Place, "Romford".to_owned()),
            (Kind::Postcode, "RM3 9XT".to_owned()),
            (Kind::Place, "Kingstanding".to_owned()),
            (Kind::Name, "tash".to_owned())
        ]
    );
}

#[test]
fn a_name_in_a_list_of_names_and_a_district_in_lower_case() {
    assert_eq!(
        found("Present: Janine (chair), Zeltrin, Craig and Lou.\nwe live in bedminster, not far"),
        [
            (Kind::Name, "Janine".to_owned()),
            (Kind::Name, "Zeltrin".to_owned()),
            (Kind::Name, "Craig".to_owned()),
            (Kind::Name, "Lou".to_owned()),
            (Kind::Place, "bedminster".to_owned())
        ]
    );
}

#[test]
fn names_after_contact_and_usernames_before_said() {
    assert_eq!(
        found("I spoke to Zelbrin and emailed Quorra. sunnydays87 said the same."),
        [
            (Kind::Name, "Zelbrin".to_owned()),
            (Kind::Name, "Quorra".to_owned()),
            (Kind::Handle, "sunnydays87".to_owned())
        ]
    );
}

#[test]
fn an_imperative_an_apostrophe_inside_a_hospital_and_a_named_estate() {
    assert_eq!(
        kinds("Frank talk with the head today, Mark my words nothing changes."),
        vec![]
    );
    assert_eq!(
        kinds("Sheffield Children's were great and we live on the Leigh Park estate."),
        vec![
            (Kind::Org, "Sheffield Children's".into()),
            (Kind::Place, "Leigh Park".into()),
        ]
    );
    assert_eq!(
        kinds("my ex lives in ellesmere port now"),
        vec![(Kind::Place, "ellesmere port".into())]
    );
}

#[test]
fn usernames_on_name_lines_with_a_time_or_alone() {
    let text = "JustKasia Wed 22-Jan-25 09:12\nsame here\n\nrhi.jones.84 · 2h\nCAMHS said no again\n\nCambsOwl\n\nYANBU, as BeccaB said";
    let handles: Vec<String> = screen(text)
        .into_iter()
        .filter(|f| f.kind == Kind::Handle)
        .map(|f| f.text)
        .collect();
    assert_eq!(handles, ["JustKasia", "rhi.jones.84", "CambsOwl", "BeccaB"]);
}

#[test]
fn a_town_that_is_a_word_where_someone_lives() {
    assert_eq!(
        found("anyone else in sale? my pal in barry says the same. we moved in march."),
        [
            (Kind::Place, "sale".to_owned()),
            (Kind::Place, "barry".to_owned())
        ]
    );
    assert_eq!(
        found("We moved from Reading back up to Bury."),
        [
            (Kind::Place, "Reading".to_owned()),
            (Kind::Place, "Bury".to_owned())
        ]
    );
}

#[test]
fn a_heading_in_title_case_is_no_name_or_organisation() {
    assert_eq!(
        found("What The Law Actually Says\nSelf-Care For SEND Parents (Realistic Edition)\n"),
        []
    );
    // A name in a title that the post names again is still found.
    assert_eq!(
        found("Sunny And Sky\nMy son Sunny has a CAMHS worker called Sky."),
        [
            (Kind::Name, "Sunny".to_owned()),
            (Kind::Name, "Sky".to_owned()),
            (Kind::Name, "Sunny".to_owned()),
            (Kind::Name, "Sky".to_owned())
        ]
    );
}

#[test]
fn services_departments_and_sentence_openers_are_no_names_or_bodies() {
    assert_eq!(
        found(
            "Child Protection mentioned by the Head. Under review by Rheumatology.\n\
             - Reading the SEND Code of Practice again\nWeeks on the CAMHS waiting list: 71\n\
             - Review in Clinic in 6 months\n3. The Pastoral Hub / Base.\n\
             He was dressed as Elsa. They showed him the cannula on a teddy. Sensory Santa was a WIN."
        ),
        []
    );
    assert_eq!(found("my son Will is 7"), [(Kind::Name, "Will".to_owned())]);
}

#[test]
fn short_forms_friends_make_of_a_name_in_the_text() {
    let names: Vec<String> = screen(
        "Our Bartholomew starts soon, Barty is going to love it. Rebecca, Becs said. \
         My grandson Jermaine (8). Jerms has ADHD. Agnieszka (Aga) is lovely.",
    )
    .into_iter()
    .filter(|f| f.kind == Kind::Name)
    .map(|f| f.text)
    .collect();
    assert_eq!(
        names,
        [
            "Bartholomew",
            "Barty",
            "Rebecca",
            "Becs",
            "Jermaine",
            "Jerms",
            "Agnieszka",
            "Aga"
        ]
    );
}

#[test]
fn chat_senders_a_title_with_an_initial_and_a_baroness() {
    assert_eq!(
        found(
            "[11/03/2025, 20:14] Keche: hi ladies\nNo EHCP. Mrs A said no. Baroness Ellery-Shaw chaired it."
        ),
        [
            (Kind::Date, "11/03/2025".to_owned()),
            (Kind::Name, "Keche".to_owned()),
            (Kind::Name, "Mrs A".to_owned()),
            (Kind::Name, "Baroness Ellery-Shaw".to_owned())
        ]
    );
}

#[test]
fn hospitals_without_apostrophes_or_the_word_hospital() {
    assert_eq!(
        found("She is under the Lister; Kings Mill and sheffield childrens were good."),
        [
            (Kind::Org, "Lister".to_owned()),
            (Kind::Org, "Kings Mill".to_owned()),
            (Kind::Org, "sheffield childrens".to_owned())
        ]
    );
}

#[test]
fn welsh_councils_and_councils_in_relative_clauses_or_quoted() {
    assert_eq!(
        found(
            "Lee raised it with Derbyshire, who have agreed to meet. Kirklees \"cant source\" one. Flintshire say no."
        ),
        [
            (Kind::Org, "Derbyshire".to_owned()),
            (Kind::Org, "Kirklees".to_owned()),
            (Kind::Org, "Flintshire".to_owned())
        ]
    );
}

#[test]
fn schools_by_their_short_name_after_a_cue_and_two_joined_by_and() {
    assert_eq!(
        found(
            "The EHCP named Brackenwood! a place at Poppyfields, transport to Leeds, a boy named Sam. \
             We visit Brislington Vale Academy and Oakfield Hollow School."
        ),
        [
            (Kind::School, "Brackenwood".to_owned()),
            (Kind::School, "Poppyfields".to_owned()),
            (Kind::Place, "Leeds".to_owned()),
            (Kind::Name, "Sam".to_owned()),
            (Kind::School, "Brislington Vale Academy".to_owned()),
            (Kind::School, "Oakfield Hollow School".to_owned())
        ]
    );
}

#[test]
fn roles_programmes_and_guidance_in_title_case_are_no_bodies() {
    assert_eq!(
        found(
            "The Executive Councillor for Children's Services met the SEN Statutory Assessment Team. \
             It became Emotionally Based School Avoidance. Children who can't attend school. \
             The Travel to School for Children of Compulsory School Age guidance. \
             The Minister for Schools said. ENT and a CVP hearing."
        ),
        []
    );
}

#[test]
fn districts_nicknames_and_landmarks() {
    assert_eq!(
        found("we're in byker, my mum's in Moss Side and we meet at the Bullring when in Brum"),
        [
            (Kind::Place, "byker".to_owned()),
            (Kind::Place, "Moss Side".to_owned()),
            (Kind::Place, "Bullring".to_owned()),
            (Kind::Place, "Brum".to_owned())
        ]
    );
}

#[test]
fn lower_case_first_names_in_context_and_titles_kept() {
    assert_eq!(
        found(
            "me and steph went. steph's lad is 6. mason is 6, autistic. the mason is 6 feet. Dear Cllr Rowbottom, Nanna Pat"
        ),
        [
            (Kind::Name, "steph".to_owned()),
            (Kind::Name, "steph".to_owned()),
            (Kind::Name, "mason".to_owned()),
            (Kind::Name, "Cllr Rowbottom".to_owned()),
            (Kind::Name, "Pat".to_owned())
        ]
    );
}

#[test]
fn news_descriptions_forum_bylines_and_a_weekday_before_the_month() {
    assert_eq!(
        found(
            "Mum-of-three Sarah Jones said so.\nwonkywheels » Tue Mar 04, 2025 8:12 pm\n\
             Reply #3 by sarah.k.1980\nme n shaz went."
        ),
        [
            (Kind::Name, "Sarah Jones".to_owned()),
            (Kind::Handle, "wonkywheels".to_owned()),
            (Kind::Date, "Tue Mar 04, 2025".to_owned()),
            (Kind::Handle, "sarah.k.1980".to_owned()),
            (Kind::Name, "shaz".to_owned())
        ]
    );
}

#[test]
fn usernames_given_on_a_platform() {
    assert_eq!(
        found(
            "my insta is tiredmumlife. IG: kezzabelle. Im wonkywheels on here. my insta is private."
        ),
        [
            (Kind::Handle, "tiredmumlife".to_owned()),
            (Kind::Handle, "kezzabelle".to_owned()),
            (Kind::Handle, "wonkywheels".to_owned())
        ]
    );
}

#[test]
fn councils_fought_or_written_from_welsh_schools_and_place_parents() {
    assert_eq!(
        found(
            "the letter from Haringey came. we had to fight Lewisham. The school (Ysgol Cwm Glas) \
             is fine. Fellow Harrow parents, hello. mark my words, it'll end in tears"
        ),
        [
            (Kind::Org, "Haringey".to_owned()),
            (Kind::Org, "Lewisham".to_owned()),
            (Kind::School, "Ysgol Cwm Glas".to_owned()),
            (Kind::Place, "Harrow".to_owned())
        ]
    );
}

#[test]
fn council_initials_and_names_in_lower_case_acting_and_post_dates() {
    assert_eq!(
        found(
            "is that the kcc one? staffs cc told us to ring stoke and stoke told us no. knowsley have had it. I bcc'd them."
        ),
        [
            (Kind::Org, "kcc".to_owned()),
            (Kind::Org, "staffs cc".to_owned()),
            (Kind::Org, "stoke".to_owned()),
            (Kind::Org, "knowsley".to_owned())
        ]
    );
    assert_eq!(
        found(
            "Mar 12\nSurgery was on 3/4 and 3/4 of the class came.\naspiemumleeds — 14/02/2025 22:10\n#SaveOurEHCPs"
        ),
        [
            (Kind::Date, "Mar 12".to_owned()),
            (Kind::Date, "3/4".to_owned()),
            (Kind::Handle, "aspiemumleeds".to_owned()),
            (Kind::Date, "14/02/2025".to_owned())
        ]
    );
    assert_eq!(
        found("Calpol and Nurofen. He was in Year 2. Our DCO and the Job Centre."),
        []
    );
}

#[test]
fn universities_chat_senders_who_write_as_a_role_and_headings_that_name_no_school() {
    assert_eq!(
        found(
            "she studied at Sheffield Hallam and Manchester Met.\nWeek Two: Tell The School, In Writing\nTell your GP."
        ),
        [
            (Kind::Org, "Sheffield Hallam".to_owned()),
            (Kind::Org, "Manchester Met".to_owned())
        ]
    );
}

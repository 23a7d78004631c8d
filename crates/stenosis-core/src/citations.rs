//! The citation registry: every citation id the rules use resolves here to a full reference taken
//! from the seed document or `clinical-evidence.md`. Identifiers (PMID, DOI) are given only where
//! that file marks them verified; the rest are left out rather than guessed.

use serde::{Serialize, Serializer};

/// A full bibliographic reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The citation id.
    pub id: CitationId,
    /// Authors as verified ("et al." where truncated); empty when not verified.
    pub authors: &'static str,
    /// Title of the work.
    pub title: &'static str,
    /// Journal or publisher, with volume and pages where verified.
    pub source: &'static str,
    /// Year of publication.
    pub year: u16,
    /// PubMed id, where verified.
    pub pmid: Option<&'static str>,
    /// DOI, where verified.
    pub doi: Option<&'static str>,
    /// What this source supports in the rules.
    pub used_for: &'static str,
}

impl Reference {
    /// A link for the reader: the DOI resolver, else PubMed, else none.
    #[must_use]
    pub fn url(&self) -> Option<String> {
        let (prefix, id, suffix) = match (self.doi, self.pmid) {
            (Some(doi), _) => ("https://doi.org/", doi, ""),
            (None, Some(pmid)) => ("https://pubmed.ncbi.nlm.nih.gov/", pmid, "/"),
            (None, None) => return None,
        };
        let mut url = String::with_capacity(prefix.len() + id.len() + suffix.len());
        url.push_str(prefix);
        url.push_str(id);
        url.push_str(suffix);
        Some(url)
    }
}

macro_rules! citations {
    ( $( $Variant:ident = $id:literal {
            authors: $authors:literal, title: $title:literal, source: $source:literal,
            year: $year:literal, pmid: $pmid:expr, doi: $doi:expr, used_for: $used:literal $(,)?
        } )+ ) => {
        /// A citation id. Every id resolves to a [`Reference`] with [`CitationId::reference`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum CitationId {
            $( #[doc = $title] $Variant ),+
        }

        impl CitationId {
            /// Every citation id, in registry order.
            pub const ALL: &'static [CitationId] = &[ $( CitationId::$Variant ),+ ];

            /// The stable string id.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $( CitationId::$Variant => $id ),+ }
            }

            /// The full reference.
            #[must_use]
            pub const fn reference(self) -> Reference {
                match self { $( CitationId::$Variant => Reference {
                    id: CitationId::$Variant, authors: $authors, title: $title, source: $source,
                    year: $year, pmid: $pmid, doi: $doi, used_for: $used,
                } ),+ }
            }

            /// Parses a string id.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some(CitationId::$Variant), )+ _ => None }
            }

            /// The stable numeric code (position in [`CitationId::ALL`]).
            #[must_use]
            pub const fn code(self) -> u32 {
                self as u32
            }
        }
    };
}

impl core::fmt::Display for CitationId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for CitationId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

citations! {
    Seed = "seed" {
        authors: "Dr.Oracle Medical Advisory Board & Editors",
        title: "Can cervical spinal stenosis cause leg problems? (guideline-backed summary; cites Praxis Medical Insights 2025)",
        source: "Dr.Oracle", year: 2025, pmid: None, doi: None,
        used_for: "The source document: leg presentations of cervical stenosis, imaging triggers, differential, management by severity, clinical pitfalls",
    }
    Fehlings2017Guideline = "fehlings2017_guideline" {
        authors: "Fehlings MG, Tetreault LA, Riew KD, et al.",
        title: "A clinical practice guideline for the management of patients with degenerative cervical myelopathy: recommendations for patients with mild, moderate, and severe disease and nonmyelopathic patients with evidence of cord compression",
        source: "Global Spine J. 2017;7(3 Suppl):70S-83S", year: 2017,
        pmid: Some("29164035"), doi: Some("10.1177/2192568217701914"),
        used_for: "AO Spine/CSRS guideline: surgery for moderate and severe DCM; surgery or supervised rehabilitation for mild; no prophylactic surgery for non-myelopathic compression",
    }
    Fehlings2017Scope = "fehlings2017_scope" {
        authors: "Fehlings MG, Tetreault LA, Riew KD, Middleton JW, Wang JC",
        title: "A clinical practice guideline for the management of degenerative cervical myelopathy: introduction, rationale, and scope",
        source: "Global Spine J. 2017;7(3 Suppl)", year: 2017,
        pmid: Some("29164027"), doi: Some("10.1177/2192568217703088"),
        used_for: "Severity definitions used by the guideline series",
    }
    Tetreault2017Mjoa = "tetreault2017_mjoa" {
        authors: "Tetreault L, Kopjar B, Nouri A, et al.",
        title: "The modified Japanese Orthopaedic Association scale: establishing criteria for mild, moderate and severe impairment in patients with degenerative cervical myelopathy",
        source: "Eur Spine J. 2017;26(1):78-84", year: 2017,
        pmid: Some("27342612"), doi: Some("10.1007/s00586-016-4660-8"),
        used_for: "mJOA severity classes: mild 15-17, moderate 12-14, severe 0-11",
    }
    Fehlings2013Consensus = "fehlings2013_consensus" {
        authors: "Fehlings MG, Wilson JR, Yoon ST, Rhee JM, Shamji MF, Lawrence BD",
        title: "Symptomatic progression of cervical myelopathy and the role of nonsurgical management: a consensus statement",
        source: "Spine. 2013;38(22 Suppl 1):S19-S20", year: 2013,
        pmid: Some("23963011"), doi: Some("10.1097/BRS.0b013e3182a7f4de"),
        used_for: "Non-operative care has a role only in mild myelopathy",
    }
    RothAcrMyelopathy = "roth_acr_myelopathy" {
        authors: "Roth CJ, Angevine PD, Aulino JM, et al.",
        title: "ACR Appropriateness Criteria Myelopathy",
        source: "J Am Coll Radiol. 2016; revised 2020", year: 2016, pmid: None, doi: None,
        used_for: "MRI without contrast is the modality of choice for non-traumatic myelopathy",
    }
    Cook2010Cpr = "cook2010_cpr" {
        authors: "Cook C, Brown C, Isaacs R, Roman M, Davis S, Richardson W",
        title: "Clustered clinical findings for diagnosis of cervical spine myelopathy",
        source: "J Man Manip Ther. 2010;18(4):175-180", year: 2010,
        pmid: Some("22131790"), doi: Some("10.1179/106698110X12804993427045"),
        used_for: "Clinical prediction rule (gait deviation, Hoffmann, inverted supinator, Babinski, age > 45): 0 of 5 LR- 0.18; 3 or more of 5 LR+ 30.9; derivation prevalence 35.3%",
    }
    Cook2011Review = "cook2011_review" {
        authors: "Cook CE, Wilhelm M, Cook AE, Petrosino C, Isaacs R",
        title: "Clinical tests for screening and diagnosis of cervical spine myelopathy: a systematic review",
        source: "J Manipulative Physiol Ther. 2011;34(8):539-546", year: 2011,
        pmid: Some("21899892"), doi: Some("10.1016/j.jmpt.2011.08.008"),
        used_for: "Myelopathy tests are specific but insensitive",
    }
    Rhee2009 = "rhee2009" {
        authors: "Rhee JM, Heflin JA, Hamasaki T, Freedman B",
        title: "Prevalence of physical signs in cervical myelopathy: a prospective, controlled study",
        source: "Spine. 2009;34(9):890-895", year: 2009,
        pmid: Some("19352222"), doi: Some("10.1097/BRS.0b013e31819c944b"),
        used_for: "21% of surgically treated myelopathy patients had no myelopathic sign",
    }
    Jiang2024Signs = "jiang2024_signs" {
        authors: "Jiang Z, Davies B, Zipser C, et al.",
        title: "The value of clinical signs in the diagnosis of degenerative cervical myelopathy - a systematic review and meta-analysis",
        source: "Global Spine J. 2024;14(4):1369-1394", year: 2024,
        pmid: Some("37903098"), doi: Some("10.1177/21925682231209869"),
        used_for: "Specificity of Babinski, clonus, inverted supinator; sensitivity of hyperreflexia",
    }
    Jiang2024Symptoms = "jiang2024_symptoms" {
        authors: "Jiang Z, Davies B, Zipser C, et al.",
        title: "The frequency of symptoms in patients with a diagnosis of degenerative cervical myelopathy: results of a scoping review",
        source: "Global Spine J. 2024;14(4):1395-1421", year: 2024,
        pmid: Some("37917661"), doi: Some("10.1177/21925682231210468"),
        used_for: "Symptom frequencies in DCM: gait impairment 72%, bladder dysfunction 38%, lower-extremity pain 10%",
    }
    Sharma2025 = "sharma2025" {
        authors: "Sharma S, Sial A, Sima S, Diwan A",
        title: "Clinical signs and symptoms for degenerative cervical myelopathy: a scoping review of case-control studies",
        source: "Spinal Cord. 2025", year: 2025, pmid: None, doi: Some("10.1038/s41393-025-01065-1"),
        used_for: "Hand incoordination (sens 0.52, spec 0.92) and altered hand sensation (sens 0.76, spec 0.90) in DCM",
    }
    Bentley2001 = "bentley2001" {
        authors: "Bentley PI, Grigor CJ, McNally JD, et al.",
        title: "Degenerative cervical disc disease causing cord compression in adults under 50",
        source: "BMJ. 2001;322:414", year: 2001, pmid: None, doi: None,
        used_for: "Upper motor neuron signs in the legs indicate a lesion above L1",
    }
    Karadimas2013 = "karadimas2013" {
        authors: "Karadimas SK, Erwin WM, Ely CG, Dettori JR, Fehlings MG",
        title: "Pathophysiology and natural history of cervical spondylotic myelopathy",
        source: "Spine. 2013;38(22 Suppl 1):S21-S36", year: 2013, pmid: None,
        doi: Some("10.1097/BRS.0b013e3182a7f2c3"),
        used_for: "20-62% of non-operatively treated DCM deteriorate at 3-6 years",
    }
    NaturalHistory2023 = "natural_history2023" {
        authors: "",
        title: "Natural history of degenerative cervical myelopathy: a meta-analysis and neurologic deterioration survival curves",
        source: "Spine J. 2023", year: 2023, pmid: Some("37549831"), doi: Some("10.1016/j.spinee.2023.07.020"),
        used_for: "Free of neurological decline at 3 years: 84% of mild, 71% of moderate/severe DCM",
    }
    Kong2013 = "kong2013" {
        authors: "Kong LD, Meng LC, Wang LF, et al.",
        title: "Evaluation of conservative treatment and timing of surgical intervention for mild forms of cervical spondylotic myelopathy",
        source: "Exp Ther Med. 2013;6(3):852-856", year: 2013,
        pmid: Some("24137278"), doi: Some("10.3892/etm.2013.1224"),
        used_for: "26.9% of mild CSM deteriorated under conservative care over more than 3 years",
    }
    Shimomura2007 = "shimomura2007" {
        authors: "Shimomura T, et al.",
        title: "Prognostic factors for deterioration of patients with cervical spondylotic myelopathy after nonsurgical treatment",
        source: "Spine", year: 2007, pmid: Some("18090088"), doi: None,
        used_for: "19.6% of mild CSM deteriorated under non-operative care",
    }
    Wilson2013 = "wilson2013" {
        authors: "Wilson JR, Barry S, Fischer DJ, et al.",
        title: "Frequency, timing, and predictors of neurological dysfunction in the nonmyelopathic patient with cervical spinal cord compression, canal stenosis, and/or OPLL",
        source: "Spine. 2013;38(22 Suppl 1):S37-S54", year: 2013, pmid: None, doi: None,
        used_for: "Non-myelopathic cord compression: about 8% develop myelopathy at 1 year, about 23% at about 4 years",
    }
    Nouri2022 = "nouri2022" {
        authors: "Nouri A, Tessitore E, Molliqaj G, et al.",
        title: "Degenerative cervical myelopathy: development and natural history [AO Spine RECODE-DCM Research Priority Number 2]",
        source: "Global Spine J. 2022;12(1 Suppl):39S-54S", year: 2022, pmid: None,
        doi: Some("10.1177/21925682211036071"),
        used_for: "Non-myelopathic cord compression is common: 24.2% of the healthy population, 35.3% over 60",
    }
    CsornRecovery = "csorn_recovery" {
        authors: "Canadian Spine Outcomes and Research Network",
        title: "Timing of recovery after surgery for patients with degenerative cervical myelopathy: an observational study from the Canadian Spine Outcomes and Research Network",
        source: "CSORN cohort (330 patients)", year: 2020, pmid: None, doi: None,
        used_for: "About 63% (208/330) reached the mJOA minimal clinically important difference by 2 years after surgery",
    }
    Fehlings2013Jbjs = "fehlings2013_jbjs" {
        authors: "Fehlings MG, Wilson JR, Kopjar B, et al.",
        title: "Efficacy and safety of surgical decompression in patients with cervical spondylotic myelopathy: results of the AOSpine North America prospective multi-center study",
        source: "J Bone Joint Surg Am. 2013;95(18):1651-1658", year: 2013,
        pmid: Some("24048552"), doi: Some("10.2106/JBJS.L.00589"),
        used_for: "Significant improvement after surgery in mild, moderate and severe DCM at 1 year",
    }
    Badhiwala2019 = "badhiwala2019" {
        authors: "Badhiwala JH, Witiw CD, Nassiri F, et al.",
        title: "Efficacy and safety of surgery for mild degenerative cervical myelopathy",
        source: "Neurosurgery. 2019;84(4):890-897", year: 2019,
        pmid: Some("29684181"), doi: Some("10.1093/neuros/nyy133"),
        used_for: "Surgery for mild DCM: significant gains in all outcomes at 2 years",
    }
    Suri2010 = "suri2010" {
        authors: "Suri P, Rainville J, Kalichman L, Katz JN",
        title: "Does this older adult with lower extremity pain have the clinical syndrome of lumbar spinal stenosis?",
        source: "JAMA. 2010;304(23):2628-2636", year: 2010,
        pmid: Some("21156951"), doi: Some("10.1001/jama.2010.1833"),
        used_for: "Likelihood ratios for lumbar stenosis: bilateral leg pain 6.3, relief bending forward 6.4, no pain seated 7.4, age > 65 2.5",
    }
    Nass2011 = "nass2011" {
        authors: "North American Spine Society",
        title: "Diagnosis and treatment of degenerative lumbar spinal stenosis (evidence-based clinical guideline)",
        source: "NASS, Burr Ridge IL (revision of the 2007 edition)", year: 2011, pmid: None, doi: None,
        used_for: "Lumbar stenosis: symptoms worse walking or standing, relieved by sitting or bending (Grade C); pain not worse with walking makes stenosis unlikely; MRI to confirm (Grade B)",
    }
    Kalichman2009 = "kalichman2009" {
        authors: "Kalichman L, Cole R, Kim DH, et al.",
        title: "Spinal stenosis prevalence and association with symptoms: the Framingham Study",
        source: "Spine J. 2009;9(7):545-550", year: 2009, pmid: Some("19398386"), doi: None,
        used_for: "Acquired lumbar stenosis on CT in 22.5% of a community sample, 47.2% at age 60-69",
    }
    Katz1995 = "katz1995" {
        authors: "Katz JN, Dalgas M, Stucki G, et al.",
        title: "Degenerative lumbar spinal stenosis: diagnostic value of the history and physical examination",
        source: "Arthritis Rheum. 1995;38(9):1236-1241", year: 1995, pmid: None, doi: None,
        used_for: "Wide-based gait and abnormal Romberg also occur in lumbar stenosis",
    }
    Konno2007 = "konno2007" {
        authors: "Konno S, Hayashino Y, Fukuhara S, et al.",
        title: "Development of a clinical diagnosis support tool to identify patients with lumbar spinal stenosis",
        source: "Eur Spine J. 2007;16(11):1951-1957", year: 2007,
        pmid: Some("17549525"), doi: Some("10.1007/s00586-007-0402-2"),
        used_for: "Items distinguishing lumbar stenosis: claudication, flexion relief, good pulses, diabetes",
    }
    Khan2006 = "khan2006" {
        authors: "Khan NA, Rahim SA, Anand SS, Simel DL, Panju A",
        title: "Does the clinical examination predict lower extremity peripheral arterial disease?",
        source: "JAMA. 2006;295(5):536-546", year: 2006,
        pmid: Some("16449619"), doi: Some("10.1001/jama.295.5.536"),
        used_for: "Pulse abnormality LR+ 4.7 (normal pulses LR 0.38); claudication LR+ 3.3",
    }
    AhaAcc2016Pad = "aha_acc2016_pad" {
        authors: "Gerhard-Herman MD, Gornik HL, Barrett C, et al.",
        title: "2016 AHA/ACC guideline on the management of patients with lower extremity peripheral artery disease",
        source: "Circulation. 2017;135(12):e726-e779", year: 2017, pmid: None,
        doi: Some("10.1161/CIR.0000000000000471"),
        used_for: "ABI <= 0.90 diagnostic of PAD, 0.91-0.99 borderline, 1.00-1.40 normal, > 1.40 non-compressible; resting ABI when history or exam suggests PAD",
    }
    Nadeau2013 = "nadeau2013" {
        authors: "Nadeau M, Rosas-Arellano MP, Gurr KR, et al.",
        title: "The reliability of differentiating neurogenic claudication from vascular claudication based on symptomatic presentation",
        source: "Can J Surg. 2013;56(6):372-377", year: 2013, pmid: None, doi: Some("10.1503/cjs.016512"),
        used_for: "Relief by standing still LR+ 20 for vascular claudication; absence of pain triggered by standing LR- 0.05 for lumbar stenosis",
    }
    Abraham2017 = "abraham2017" {
        authors: "Abraham A, Alabdali M, Alsulaiman A, et al.",
        title: "The sensitivity and specificity of the neurological examination in polyneuropathy patients with clinical and electrophysiological correlations",
        source: "PLoS One. 2017;12(3):e0171597", year: 2017, pmid: None,
        doi: Some("10.1371/journal.pone.0171597"),
        used_for: "Impaired ankle reflexes sens 0.74 spec 0.62; ankle reflex plus sensory loss sens 0.88",
    }
    Chew2022 = "chew2022" {
        authors: "Chew BLA, Williams DB, Attia J",
        title: "Diagnostic value of clinical examination for identifying patients with large- and small-fibre neuropathy",
        source: "Intern Med J. 2022;52(5):785-789", year: 2022, pmid: None, doi: None,
        used_for: "Bilaterally absent ankle jerks LR+ 7.6, LR- 0.3 against nerve conduction studies",
    }
    Kanji2010 = "kanji2010" {
        authors: "Kanji JN, Anglin RES, Hunt DL, Panju A",
        title: "Does this patient with diabetes have large-fiber peripheral neuropathy?",
        source: "JAMA. 2010;303(15):1526-1532", year: 2010, pmid: None, doi: Some("10.1001/jama.2010.428"),
        used_for: "Prevalence of large-fibre neuropathy in diabetes 23-79%; nerve conduction as reference standard",
    }
    Girft2023Ces = "girft2023_ces" {
        authors: "NHS England Getting It Right First Time",
        title: "National Suspected Cauda Equina Syndrome Pathway",
        source: "NHS England", year: 2023, pmid: None, doi: None,
        used_for: "Suspect CES with saddle sensory change, bladder or bowel disturbance, bilateral leg deficit; emergency MRI within 4 hours",
    }
    BmjBestPracticeCes = "bmj_best_practice_ces" {
        authors: "BMJ Best Practice",
        title: "Cauda equina syndrome: approach to diagnosis",
        source: "BMJ Best Practice (web)", year: 2023, pmid: None, doi: None,
        used_for: "Red flags of cauda equina syndrome and immediate referral",
    }
    Dionne2019 = "dionne2019" {
        authors: "Dionne N, Adefolarin A, Kunzelman D, et al.",
        title: "What is the diagnostic accuracy of red flags related to cauda equina syndrome (CES), when compared to MRI? A systematic review",
        source: "Musculoskelet Sci Pract. 2019;42:125-133", year: 2019, pmid: None,
        doi: Some("10.1016/j.msksp.2019.05.004"),
        used_for: "Single red flags are insensitive: a clinical suspicion needs MRI",
    }
    Overley2017 = "overley2017" {
        authors: "Overley SC, et al.",
        title: "Tandem spinal stenosis: a systematic review",
        source: "JBJS Rev. 2017", year: 2017, pmid: Some("28872572"), doi: None,
        used_for: "Tandem stenosis in up to 60% of spinal stenosis patients; often overlooked; treat myelopathy first",
    }
    Nagata2017 = "nagata2017" {
        authors: "Nagata K, Yoshimura N, Hashizume H, et al.",
        title: "The prevalence of tandem spinal stenosis and its characteristics in a population-based MRI study: the Wakayama Spine Study",
        source: "Eur Spine J. 2017;26(10):2529-2535", year: 2017, pmid: None,
        doi: Some("10.1007/s00586-017-5072-0"),
        used_for: "Radiographic tandem stenosis in 11% of a population cohort",
    }
    Chan2011 = "chan2011" {
        authors: "Chan CK, Lee HY, Choi WC, Cho JY, Lee SH (authors unverified)",
        title: "Cervical cord compression presenting with sciatica-like leg pain",
        source: "Eur Spine J. 2011;20(Suppl 2)", year: 2011, pmid: None,
        doi: Some("10.1007/s00586-010-1585-5"),
        used_for: "Sciatica-like leg pain as a false-localising presentation of cervical cord compression, without hyperreflexia",
    }
    Han2024 = "han2024" {
        authors: "Han C, Wang J, Wang L, Gong Q, Huang W",
        title: "Sciatica-like pain caused by cervical spondylotic myelopathy: four case reports and systematic review",
        source: "Front Med. 2024", year: 2024, pmid: None, doi: Some("10.3389/fmed.2024.1429618"),
        used_for: "CSM with sciatica-like pain first diagnosed as lumbar disease; neck hyperextension worsening leg pain as an indicator",
    }
    Kozaki2020 = "kozaki2020" {
        authors: "Kozaki T, Minamide A, Iwasaki H, Yukawa Y, Ando M, Yamada H",
        title: "Funicular pain: a case report of intermittent claudication induced by cervical cord compression",
        source: "BMC Musculoskelet Disord. 2020", year: 2020, pmid: None,
        doi: Some("10.1186/s12891-020-03299-x"),
        used_for: "Claudication and thigh pain on neck extension from cervical cord compression",
    }
    Langfitt1967 = "langfitt1967" {
        authors: "Langfitt TW, Elliott FA",
        title: "Pain in the back and legs caused by cervical spinal cord compression",
        source: "JAMA. 1967;200(5):382-385", year: 1967, pmid: None,
        doi: Some("10.1001/jama.1967.03120180070010"),
        used_for: "Cord compression can simulate lumbar disc disease; lumbar mechanical signs are absent",
    }
    Shin2024 = "shin2024" {
        authors: "Shin JJ, Yoo SJ, Kim TW, et al.",
        title: "Radiological and clinical significance of cervical dynamic MRI for cervical spondylotic myelopathy",
        source: "Neurospine. 2024;21(2):443-454", year: 2024, pmid: Some("38955522"), doi: None,
        used_for: "Neck extension worsens cervical stenosis and cord compression compared with flexion",
    }
    Fukuda2013 = "fukuda2013" {
        authors: "Fukuda K, Ozaki T, Tsumura N, et al.",
        title: "Neurogenic bladder associated with pure cervical spondylotic myelopathy: clinical characteristics and recovery after surgery",
        source: "Spine. 2013", year: 2013, pmid: None, doi: Some("10.1097/BRS.0b013e318267af02"),
        used_for: "Lower urinary tract symptoms in 53.7% of operated pure CSM",
    }
}

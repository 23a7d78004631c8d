//! The vocabulary: every finding, condition, action, urgency, pathway and alert id, defined once.
//!
//! Each list is a single macro invocation. The enums, their string ids, parsing, the C constants,
//! the Python enums, the JSON Schema and `docs/vocabulary.md` all derive from these tables
//! (`cargo xtask codegen`). Ids are the contract of `SPEC.md`: add new ones at the end of a list,
//! never rename or reorder (the numeric code of a variant is its position).

use serde::{Serialize, Serializer};

/// Defines a vocabulary enum: variants with their stable string id and a one-line label.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $Name:ident {
            $( $Variant:ident = $id:literal : $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum $Name {
            $( #[doc = $label] $Variant ),+
        }

        impl $Name {
            /// Every variant, in declaration (and numeric code) order.
            pub const ALL: &'static [$Name] = &[ $( $Name::$Variant ),+ ];

            /// The stable string id used in JSON, C and Python.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $( $Name::$Variant => $id ),+ }
            }

            /// A one-line human-readable label.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self { $( $Name::$Variant => $label ),+ }
            }

            /// Parses a string id; `None` when it is not part of the vocabulary.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some($Name::$Variant), )+ _ => None }
            }

            /// The stable numeric code (the position in [`Self::ALL`]), as used by the C ABI.
            #[must_use]
            pub const fn code(self) -> u32 {
                self as u32
            }

            /// The variant with this numeric code, if any.
            #[must_use]
            pub fn from_code(code: u32) -> Option<Self> {
                usize::try_from(code).ok().and_then(|i| Self::ALL.get(i)).copied()
            }
        }

        impl core::fmt::Display for $Name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl core::str::FromStr for $Name {
            type Err = crate::InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_id(s).ok_or_else(|| crate::InputError::invalid_value(stringify!($Name), Self::ids_hint()))
            }
        }

        impl Serialize for $Name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl $Name {
            fn ids_hint() -> &'static str {
                concat!("expected one of: ", $( "\"", $id, "\" " ),+)
            }
        }
    };
}

/// Defines the finding vocabulary: id, group, one-line clinical definition, and a SNOMED CT code
/// where `standards.md` marks one as verified (no unverified code is shipped).
macro_rules! findings {
    ( $( $Variant:ident = $id:literal, $group:ident, $snomed:expr, $def:literal; )+ ) => {
        /// A clinical finding the presentation can record as present, absent or unknown.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum Finding {
            $( #[doc = $def] $Variant ),+
        }

        impl Finding {
            /// Every finding, in declaration (and numeric code) order.
            pub const ALL: &'static [Finding] = &[ $( Finding::$Variant ),+ ];

            /// The stable string id used in JSON, C and Python.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $( Finding::$Variant => $id ),+ }
            }

            /// The one-line clinical definition.
            #[must_use]
            pub const fn definition(self) -> &'static str {
                match self { $( Finding::$Variant => $def ),+ }
            }

            /// Same as [`Finding::definition`] (every vocabulary has a label).
            #[must_use]
            pub const fn label(self) -> &'static str {
                self.definition()
            }

            /// The group the finding belongs to.
            #[must_use]
            pub const fn group(self) -> FindingGroup {
                match self { $( Finding::$Variant => FindingGroup::$group ),+ }
            }

            /// A verified SNOMED CT concept for this finding, where one was verified.
            #[must_use]
            pub const fn snomed(self) -> Option<SnomedCode> {
                match self { $( Finding::$Variant => $snomed ),+ }
            }

            /// Parses a string id; `None` when it is not part of the vocabulary.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $( $id => Some(Finding::$Variant), )+ _ => None }
            }

            /// The stable numeric code (the position in [`Finding::ALL`]), as used by the C ABI.
            #[must_use]
            pub const fn code(self) -> u32 {
                self as u32
            }

            /// The finding with this numeric code, if any.
            #[must_use]
            pub fn from_code(code: u32) -> Option<Self> {
                usize::try_from(code).ok().and_then(|i| Self::ALL.get(i)).copied()
            }

            /// This finding's bit in a [`crate::FindingSet`] mask.
            #[must_use]
            pub(crate) const fn bit(self) -> u64 {
                1u64 << (self as u32)
            }
        }

        impl core::fmt::Display for Finding {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl Serialize for Finding {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
    };
}

/// A SNOMED CT concept: code and fully specified name as seen in the verifying source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SnomedCode {
    /// The concept id.
    pub code: &'static str,
    /// The display (fully specified name) seen with it.
    pub display: &'static str,
}

/// The SNOMED CT system URI, for FHIR `Coding.system`.
pub const SNOMED_SYSTEM: &str = "http://snomed.info/sct";

const fn sct(code: &'static str, display: &'static str) -> Option<SnomedCode> {
    Some(SnomedCode { code, display })
}

vocabulary! {
    /// The group a finding belongs to (as SPEC.md lists them).
    FindingGroup {
        LegAndGaitSymptoms = "leg_and_gait_symptoms": "Leg and gait symptoms",
        ArmsAndNeck = "arms_and_neck": "Arms and neck",
        Back = "back": "Back",
        Sphincters = "sphincters": "Sphincters",
        UpperMotorNeuronExam = "upper_motor_neuron_exam": "Upper motor neuron examination",
        PeripheralExam = "peripheral_exam": "Peripheral examination",
        History = "history": "History",
        Imaging = "imaging": "Imaging (as reported)",
    }
}

findings! {
    LegWeakness = "leg_weakness", LegAndGaitSymptoms, None,
        "Weakness of one or both legs reported by the patient.";
    BilateralLegSymptoms = "bilateral_leg_symptoms", LegAndGaitSymptoms, None,
        "Leg symptoms (pain, numbness, weakness) affecting both legs.";
    GaitDifficulty = "gait_difficulty", LegAndGaitSymptoms, None,
        "Difficulty walking or unsteadiness reported by the patient.";
    LegNumbness = "leg_numbness", LegAndGaitSymptoms, None,
        "Numbness or paresthesias of the legs or feet.";
    LegStiffness = "leg_stiffness", LegAndGaitSymptoms, None,
        "Stiffness or spasticity of the legs.";
    SciaticaLikePain = "sciatica_like_pain", LegAndGaitSymptoms, None,
        "Radiating leg pain resembling sciatica (buttock or thigh down the leg).";
    WalkingLegPain = "walking_leg_pain", LegAndGaitSymptoms, None,
        "Pain, heaviness or cramping in the legs brought on by walking or standing.";
    ReliefWithSittingOrFlexion = "relief_with_sitting_or_flexion", LegAndGaitSymptoms, None,
        "Leg symptoms relieved by sitting or bending forward (lumbar flexion, shopping-cart sign).";
    ReliefWithStandingStill = "relief_with_standing_still", LegAndGaitSymptoms, None,
        "Leg symptoms relieved by standing still, without sitting or bending.";
    Falls = "falls", LegAndGaitSymptoms, None,
        "Falls or near-falls.";
    HandClumsiness = "hand_clumsiness", ArmsAndNeck, None,
        "Clumsy hands: difficulty with buttons, writing or fine tasks.";
    HandNumbness = "hand_numbness", ArmsAndNeck, None,
        "Numbness or paresthesias of the hands.";
    NeckPain = "neck_pain", ArmsAndNeck, None,
        "Neck pain.";
    WorseWithNeckExtension = "worse_with_neck_extension", ArmsAndNeck, None,
        "Symptoms brought on or worsened by extending the neck.";
    LhermitteSign = "lhermitte_sign", ArmsAndNeck, None,
        "Electric-shock sensation down the spine or limbs on neck flexion.";
    SignificantBackPain = "significant_back_pain", Back, None,
        "Significant low back pain.";
    BladderDysfunction = "bladder_dysfunction", Sphincters, None,
        "Urinary urgency, frequency or incontinence.";
    UrinaryRetention = "urinary_retention", Sphincters, sct("267064002", "Retention of urine (disorder)"),
        "Inability to empty the bladder, or painless retention.";
    BowelDysfunction = "bowel_dysfunction", Sphincters, None,
        "Bowel incontinence or new loss of bowel control.";
    SaddleAnesthesia = "saddle_anesthesia", Sphincters, sct("449813001", "Numbness of saddle area (finding)"),
        "Reduced or lost sensation in the saddle (perianal, perineal, genital) area.";
    Hyperreflexia = "hyperreflexia", UpperMotorNeuronExam, None,
        "Brisk or pathologically increased deep tendon reflexes.";
    HoffmannSign = "hoffmann_sign", UpperMotorNeuronExam, None,
        "Thumb and index finger flexion when the middle fingernail is flicked.";
    BabinskiSign = "babinski_sign", UpperMotorNeuronExam, None,
        "Extensor plantar response (great toe goes up on stroking the sole).";
    AnkleClonus = "ankle_clonus", UpperMotorNeuronExam, None,
        "Sustained rhythmic beats of the ankle on brisk dorsiflexion.";
    InvertedSupinatorSign = "inverted_supinator_sign", UpperMotorNeuronExam, None,
        "Finger flexion instead of, or with, a reduced brachioradialis reflex.";
    GaitDeviation = "gait_deviation", UpperMotorNeuronExam, None,
        "Spastic or wide-based gait seen on examination.";
    RombergSign = "romberg_sign", UpperMotorNeuronExam, None,
        "Loss of balance standing with feet together and eyes closed.";
    LegWeaknessOnExam = "leg_weakness_on_exam", UpperMotorNeuronExam, None,
        "Objective weakness of leg muscles on examination.";
    HandIntrinsicAtrophy = "hand_intrinsic_atrophy", UpperMotorNeuronExam, None,
        "Wasting of the intrinsic hand muscles (myelopathy hand).";
    ReducedAnkleReflexes = "reduced_ankle_reflexes", PeripheralExam, None,
        "Reduced or absent ankle (Achilles) reflexes.";
    StockingGloveSensoryLoss = "stocking_glove_sensory_loss", PeripheralExam, None,
        "Distal symmetric sensory loss in a stocking (and glove) distribution.";
    ReducedFootPulses = "reduced_foot_pulses", PeripheralExam, None,
        "Reduced or absent dorsalis pedis or posterior tibial pulses.";
    StraightLegRaise = "straight_leg_raise", PeripheralExam, None,
        "Positive straight-leg-raise test (radicular pain on raising the straight leg).";
    Diabetes = "diabetes", History, None,
        "Diabetes mellitus (type 1 or type 2).";
    Smoker = "smoker", History, None,
        "Current or former smoker.";
    KnownLumbarStenosis = "known_lumbar_stenosis", History, sct("18347007", "Spinal stenosis of lumbar region (disorder)"),
        "A previous diagnosis of lumbar spinal stenosis.";
    CervicalCordCompressionOnMri = "cervical_cord_compression_on_mri", Imaging, None,
        "Cervical spinal cord compression reported on MRI.";
    CervicalCordSignalChangeOnMri = "cervical_cord_signal_change_on_mri", Imaging, None,
        "Intramedullary T2 signal change of the cervical cord reported on MRI.";
    LumbarStenosisOnImaging = "lumbar_stenosis_on_imaging", Imaging, None,
        "Lumbar spinal canal or lateral recess stenosis reported on imaging.";
}

vocabulary! {
    /// Whether a finding was found, looked for and not found, or not assessed.
    Status {
        Unknown = "unknown": "Not assessed (the same as leaving the finding out).",
        Present = "present": "Looked for and found.",
        Absent = "absent": "Looked for and not found.",
    }
}

vocabulary! {
    /// Sex, as recorded.
    Sex {
        Female = "female": "Female",
        Male = "male": "Male",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// The course of the leg symptoms.
    Course {
        Stable = "stable": "Stable",
        Progressive = "progressive": "Progressive (worsening over weeks to months)",
        RapidlyProgressive = "rapidly_progressive": "Rapidly progressive (worsening over hours to days)",
    }
}

vocabulary! {
    /// A condition on the differential.
    Condition {
        CervicalMyelopathy = "cervical_myelopathy": "Degenerative cervical myelopathy (cervical cord compression)",
        LumbarSpinalStenosis = "lumbar_spinal_stenosis": "Lumbar spinal stenosis (neurogenic claudication or radiculopathy)",
        PeripheralNeuropathy = "peripheral_neuropathy": "Peripheral neuropathy (distal symmetric polyneuropathy)",
        PeripheralArterialDisease = "peripheral_arterial_disease": "Peripheral arterial disease (vascular claudication)",
        CaudaEquinaSyndrome = "cauda_equina_syndrome": "Cauda equina syndrome",
    }
}

impl Condition {
    /// A verified SNOMED CT concept for the condition, where one was verified (`standards.md` §3.1).
    #[must_use]
    pub const fn snomed(self) -> Option<SnomedCode> {
        match self {
            Condition::CervicalMyelopathy => sct("65260001", "Cervical spondylosis with myelopathy (disorder)"),
            Condition::LumbarSpinalStenosis => sct("18347007", "Spinal stenosis of lumbar region (disorder)"),
            Condition::PeripheralNeuropathy => None,
            Condition::PeripheralArterialDisease => {
                sct("399957001", "Peripheral arterial occlusive disease (disorder)")
            }
            Condition::CaudaEquinaSyndrome => sct("192970008", "Cauda equina syndrome (disorder)"),
        }
    }
}

vocabulary! {
    /// How likely a condition is, on a three-step ordinal scale.
    Likelihood {
        Low = "low": "Low",
        Moderate = "moderate": "Moderate",
        High = "high": "High",
    }
}

vocabulary! {
    /// mJOA severity class (Tetreault 2017): mild 15-17, moderate 12-14, severe 0-11.
    SeverityClass {
        Mild = "mild": "Mild (mJOA 15-17)",
        Moderate = "moderate": "Moderate (mJOA 12-14)",
        Severe = "severe": "Severe (mJOA 0-11)",
    }
}

vocabulary! {
    /// Where the case sits on the management pathway.
    Pathway {
        Emergency = "emergency": "Emergency: same-day specialist evaluation and imaging",
        SurgicalEvaluation = "surgical_evaluation": "Refer for surgical evaluation (decompression)",
        Conservative = "conservative": "Conservative management with monitoring",
        FurtherWorkup = "further_workup": "Further work-up needed before the cervical question is settled",
        NoCervicalConcern = "no_cervical_concern": "No cervical concern on the findings given",
    }
}

vocabulary! {
    /// A recommended action.
    Action {
        CervicalMri = "cervical_mri": "MRI of the cervical spine (without contrast)",
        LumbarMri = "lumbar_mri": "MRI of the lumbosacral spine",
        CompleteNeurologicalExam = "complete_neurological_exam": "Complete neurological examination including upper motor neuron signs",
        AnkleBrachialIndex = "ankle_brachial_index": "Resting ankle-brachial index",
        NerveConductionStudy = "nerve_conduction_study": "Nerve conduction study / electromyography",
        SpineSurgeryReferral = "spine_surgery_referral": "Referral to a spine surgeon",
        EmergencySpineEvaluation = "emergency_spine_evaluation": "Emergency spine evaluation (same day)",
        PhysicalTherapy = "physical_therapy": "Supervised structured rehabilitation / physical therapy",
        CervicalCollar = "cervical_collar": "Cervical collar",
        ClinicalMonitoring = "clinical_monitoring": "Clinical monitoring for progression",
    }
}

vocabulary! {
    /// How soon an action should happen.
    Urgency {
        Routine = "routine": "Routine",
        Urgent = "urgent": "Urgent (days, not months)",
        Emergency = "emergency": "Emergency (same day; hours)",
    }
}

vocabulary! {
    /// A red flag: a finding pattern that needs action today.
    RedFlag {
        CaudaEquinaSuspected = "cauda_equina_suspected": "Suspected cauda equina syndrome",
        RapidlyProgressiveDeficit = "rapidly_progressive_deficit": "Rapidly progressive neurological deficit",
    }
}

vocabulary! {
    /// A warning: one of the seed's clinical pitfalls, or a caveat on the evidence.
    Warning {
        LumbarMisattributionRisk = "lumbar_misattribution_risk": "Leg symptoms may be wrongly put down to the lumbar spine",
        IncompleteNeurologicalExam = "incomplete_neurological_exam": "The upper motor neuron examination is incomplete",
        FalseLocalizingSciatica = "false_localizing_sciatica": "Sciatica-like pain may be a false-localising sign of cervical cord compression",
        TandemStenosisPossible = "tandem_stenosis_possible": "Lumbar and cervical stenosis may coexist (tandem stenosis)",
        DelayedDiagnosisRisk = "delayed_diagnosis_risk": "Progressive deficit without cervical imaging",
        CervicalImagingOverlooked = "cervical_imaging_overlooked": "Bilateral progressive leg symptoms without a lumbar cause and no cervical imaging",
        AbsentSignsDoNotExclude = "absent_signs_do_not_exclude": "Absent upper motor neuron signs do not exclude myelopathy",
        NoncompressibleAbi = "noncompressible_abi": "ABI above 1.40: arteries non-compressible, ABI not interpretable",
        NonmyelopathicCompression = "nonmyelopathic_compression": "Cord compression on MRI without a myelopathic picture",
        UmnSignsWithoutCompression = "umn_signs_without_compression": "Upper motor neuron signs with no cord compression on cervical MRI",
    }
}

/// One vocabulary, flattened for code generators and bindings: its names and its `(id, label)`
/// rows in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyTable {
    /// The Python enum name (also the vocabulary's name), e.g. `Finding`.
    pub name: &'static str,
    /// The C enum name, e.g. `StenosisFinding`.
    pub c_name: &'static str,
    /// A one-line description.
    pub doc: &'static str,
    /// `(id, label)` of every member, in code order.
    pub rows: Vec<(&'static str, &'static str)>,
}

fn rows<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (id(*v), label(*v))).collect()
}

/// Every vocabulary of the contract, in a fixed order: the one list the C enums, the Python enums
/// and the docs are generated from.
///
/// ```
/// let v = stenosis_core::vocabularies();
/// assert_eq!(v[0].name, "Finding");
/// assert_eq!(v[0].rows.len(), stenosis_core::Finding::ALL.len());
/// ```
#[must_use]
pub fn vocabularies() -> Vec<VocabularyTable> {
    let table = |name, c_name, doc, rows| VocabularyTable { name, c_name, doc, rows };
    vec![
        table(
            "Finding",
            "StenosisFinding",
            "A clinical finding (SPEC.md finding ids).",
            rows(Finding::ALL, Finding::id, Finding::definition),
        ),
        table(
            "FindingStatus",
            "StenosisFindingStatus",
            "The status of a finding.",
            rows(Status::ALL, Status::id, Status::label),
        ),
        table(
            "FindingGroup",
            "StenosisFindingGroup",
            "The group a finding belongs to.",
            rows(FindingGroup::ALL, FindingGroup::id, FindingGroup::label),
        ),
        table("Sex", "StenosisSex", "Sex.", rows(Sex::ALL, Sex::id, Sex::label)),
        table(
            "Course",
            "StenosisCourse",
            "The course of the leg symptoms.",
            rows(Course::ALL, Course::id, Course::label),
        ),
        table(
            "Condition",
            "StenosisCondition",
            "A condition on the differential.",
            rows(Condition::ALL, Condition::id, Condition::label),
        ),
        table(
            "Likelihood",
            "StenosisLikelihood",
            "How likely a condition is.",
            rows(Likelihood::ALL, Likelihood::id, Likelihood::label),
        ),
        table(
            "SeverityClass",
            "StenosisSeverityClass",
            "mJOA severity class.",
            rows(SeverityClass::ALL, SeverityClass::id, SeverityClass::label),
        ),
        table(
            "Pathway",
            "StenosisPathway",
            "Where the case sits on the management pathway.",
            rows(Pathway::ALL, Pathway::id, Pathway::label),
        ),
        table("Action", "StenosisAction", "A recommended action.", rows(Action::ALL, Action::id, Action::label)),
        table(
            "Urgency",
            "StenosisUrgency",
            "How soon an action should happen.",
            rows(Urgency::ALL, Urgency::id, Urgency::label),
        ),
        table("RedFlag", "StenosisRedFlag", "A red flag.", rows(RedFlag::ALL, RedFlag::id, RedFlag::label)),
        table(
            "Warning",
            "StenosisWarning",
            "A warning (clinical pitfall or evidence caveat).",
            rows(Warning::ALL, Warning::id, Warning::label),
        ),
    ]
}
